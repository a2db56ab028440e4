// Calls an Aquila server with a node certificate from grpc-js (Node.js): Health.Check and Matching.GetProject.
// Usage: node client.js <host:port> <certificate directory> <project id> <proto root>
// Prints one JSON line with what the server answered; exits 1 with {"error": ...} on failure.
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [address, certDir, projectId, protoRoot] = process.argv.slice(2);
const files = fs.readdirSync(certDir);
const keyFile = files.find((f) => f.endsWith('.key.pem'));
const certFile = keyFile.replace(/\.key\.pem$/, '.crt.pem');
const credentials = grpc.credentials.createSsl(
  fs.readFileSync(path.join(certDir, 'ca.crt.pem')),
  fs.readFileSync(path.join(certDir, keyFile)),
  fs.readFileSync(path.join(certDir, certFile)));

const healthDefinition = protoLoader.fromJSON({
  nested: { grpc: { nested: { health: { nested: { v1: { nested: {
    HealthCheckRequest: { fields: { service: { type: 'string', id: 1 } } },
    HealthCheckResponse: { fields: { status: { type: 'ServingStatus', id: 1 } },
      nested: { ServingStatus: { values: { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } } } },
    Health: { methods: { Check: { requestType: 'HealthCheckRequest', responseType: 'HealthCheckResponse' } } },
  } } } } } } },
}, { enums: String });
const matchingDefinition = protoLoader.loadSync('aquila/v1/matching.proto', { includeDirs: [protoRoot], keepCase: true, enums: String, longs: String });
const health = grpc.loadPackageDefinition(healthDefinition).grpc.health.v1;
const aquila = grpc.loadPackageDefinition(matchingDefinition).aquila.v1;

const options = { 'grpc.ssl_target_name_override': 'localhost' };
const healthClient = new health.Health(address, credentials, options);
const matchingClient = new aquila.Matching(address, credentials, options);
const deadline = () => new Date(Date.now() + 20000);

healthClient.Check({}, { deadline: deadline() }, (healthError, healthReply) => {
  if (healthError) { fail(healthError); return; }
  matchingClient.GetProject({ project_id: projectId }, { deadline: deadline() }, (error, project) => {
    if (error) { fail(error); return; }
    console.log(JSON.stringify({ health: healthReply.status, project_id: project.project_id, parties: project.parties }));
    process.exit(0);
  });
});

function fail(error) {
  console.log(JSON.stringify({ error: error.message, code: error.code }));
  process.exit(1);
}

#!/usr/bin/env python3
"""Issue 21 (throw-away tool, kept for the next profile): reads `perf script -F comm,tid,time,ip,sym,dso` text of the
server and prints the share of CPU samples per area (each sample goes to the area of the frame nearest its leaf that
names one), per thread, and the top frames by exclusive and inclusive samples; `folded` prints folded stacks instead
(thread;root;...;leaf count), the input of icicle.py.

    python3 perf_areas.py server.perf.txt [report|folded] [TOP]
"""
import sys, re, collections
path = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else 'report'

def clean(sym, dso):
    sym = sym.strip()
    if sym == '[unknown]' or not sym:
        d = dso.strip('()').split('/')[-1]
        return '[' + d + ']'
    # strip CLR signature noise: return type, assembly, args, tier
    m = re.search(r'\[([\w\.]+)\] ([^\(]+?)\(', sym)
    if m:
        name = m.group(2)
        name = re.sub(r'\[System\.__Canon(,System\.__Canon)*\]', '', name)
        name = re.sub(r'`\d+', '', name)
        name = re.sub(r'<(\w+)>d__\d+', r'\1', name)
        name = re.sub(r'<<(\w+)>b__\d+>d', r'\1.lambda', name)
        name = re.sub(r'\+<>c__DisplayClass[\d_]+', '', name)
        tier = ' [instr]' if 'InstrumentedTier' in sym else ''
        return name.replace(' ', '').split('!!')[0] + tier
    if dso.strip('()').startswith('kernel') or 'kallsyms' in dso:
        return 'k:' + sym.split('+')[0]
    return sym.split('+')[0]

samples = []  # (thread, [frames root..leaf])
cur = None
with open(path, errors='replace') as f:
    for line in f:
        if not line.strip():
            if cur: samples.append(cur)
            cur = None
            continue
        if not line[0].isspace():
            head = line.rstrip()
            m = re.match(r'(.*?)\s+(\d+)\s+[\d\.]+:', head)
            cur = (m.group(1).strip() if m else head, [])
            continue
        parts = line.strip().split(' ', 1)
        rest = parts[1] if len(parts) > 1 else ''
        m = re.match(r'(.*) (\([^\)]*\))$', rest)
        sym, dso = (m.group(1), m.group(2)) if m else (rest, '')
        cur[1].append(clean(sym, dso))
if cur: samples.append(cur)
for s in samples: s[1].reverse()
N = len(samples)

RULES = [  # (area, regex on one frame); frames are tried from the leaf to the root, the first frame that matches names the area
    ('JIT / tiering', r'libclrjit|TieredCompilation'),
    ('thread-pool wait/spin', r'LowLevelLifoSemaphore|LowLevelSpinWaiter|PortableThreadPool\+WorkerThread|Thread::SpinWait|Thread::Yield'),
    ('GC', r'GarbageCollect|GCHeap|gc_heap'),
    ('audit: SQLite + fsync', r'Microsoft\.Data\.Sqlite|SQLitePCL|^sqlite3|^pcache|^yy_|^walChecksum|AuditChain::Commit|AuditChain::WriterLoop|AuditChain::Write'),
    ('audit: entry, hash chain, queue', r'Aquila\.Coordination\.Audit|ListAudit|ServerAudit|BulkCheckAudit'),
    ('list log (hit records, fsync)', r'WriteAheadLog|ListsLogStore|JointListLog|Interop\+Sys::FSync'),
    ('ECDSA verify', r'QuerySignature|ECDsa|EcDsa|EcKey'),
    ('certificate/CRL checks', r'CertificateAuthenticationInterceptor::Authenticate|PartyCertificate|Revocation|CertificateRevocation|Crl|X509Certificate|X509Chain|CertificateValidat'),
    ('nonce/quota', r'QueryNonces|QueryQuotas|QuotaCount'),
    ('project/list lookup', r'ProjectStore|ListRegistry|FindQueryable|ListsService\+?FindAsync|ListsService::FindAsync'),
    ('lookup (joint list)', r'JointList|ListState|TokenIndex'),
    ('scanning detector', r'ScanningDetector'),
    ('protobuf (de)serialisation', r'Google\.Protobuf|Aquila\.Protocol|MessageParser|Serializ|Deserializ|ReadSingleMessage|WriteSingleMessage|WriteMessageAsync'),
    ('logging/Activity/metrics', r'Logger|Logging|Activity|Diagnostics\.Metrics|OpenTelemetry|Meter|Histogram|ListQueryMetrics|HostingApplicationDiagnostics'),
    ('TLS (SslStream, OpenSSL)', r'SslStream|libssl|OpenSsl|Interop\+Ssl|^SSL_|^ssl'),
    ('Aquila interceptors + service (own code)', r'^Aquila\.'),
    ('gRPC pipeline', r'^Grpc\.'),
    ('HTTP/2 + Kestrel + routing', r'Kestrel|Http2|HttpProtocol|AspNetCore|Microsoft\.Extensions'),
    ('sockets/epoll', r'Sockets|SocketAsyncEngine|epoll'),
    ('async/thread-pool dispatch', r'ThreadPoolWorkQueue|ExecutionContext|AsyncMethodBuilder|AsyncTaskMethodBuilder|Task::|TaskContinuation|IThreadPoolWorkItem|ValueTask|ManualResetValueTaskSource'),
]
comp = [(a, re.compile(r)) for a, r in RULES]

def area(thread, frames):
    if thread.startswith('.NET Tiered'):
        return 'JIT / tiering'
    if thread.startswith('.NET BGC') or thread.startswith('.NET Server GC'):
        return 'GC'
    if thread.startswith('aquila-wal-writ'):
        joined = ' '.join(frames)
        if re.search(r'SemaphoreSlim|SpinWait|sched_yield|Thread::Sleep|GatherAppenders', joined) and 'FSync' not in joined:
            return 'list log writer: spin/wait'
        return 'list log (hit records, fsync)'
    for f in reversed(frames):
        for a, r in comp:
            if r.search(f):
                return a
    if any('libcrypto' in f for f in frames):
        return 'libcrypto, caller unknown (ECDSA/TLS)'
    if frames and all(f.startswith('k:') or f.startswith('[') or f in ('start_thread',) or '@' in f or f.startswith('__') for f in frames):
        return 'native/kernel, no managed frame'
    return 'other'

if mode == 'folded':
    def squash(fr):
        out = []
        for f in fr:
            if not out or out[-1] != f or not f.startswith('['):
                out.append(f)
        return out
    c = collections.Counter(';'.join([re.sub(r'[\s\d#]+$', '', t)] + squash(fr)) for t, fr in samples)
    for k, v in c.most_common():
        print(k.replace(' ', '_'), v)
    sys.exit()

areas = collections.Counter(); kern = collections.Counter()
incl = collections.Counter(); excl = collections.Counter(); threads = collections.Counter()
for t, fr in samples:
    a = area(t, fr); areas[a] += 1
    leafk = fr and fr[-1].startswith('k:')
    kern[a] += leafk
    threads[re.sub(r'\d+', '', t)] += 1
    for f in set(fr): incl[f] += 1
    if fr: excl[fr[-1]] += 1
print(f'samples {N}')
print('\n== areas (share of samples; kernel = leaf in kernel)')
for a, v in areas.most_common(): print(f'{100*v/N:5.1f}%  {a}   (kernel {100*kern[a]/N:.1f}%)')
print('\n== threads')
for a, v in threads.most_common(12): print(f'{100*v/N:5.1f}%  {a}')
top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
print('\n== exclusive (leaf)')
for a, v in excl.most_common(top): print(f'{100*v/N:5.1f}%  {a[:160]}')
print('\n== inclusive')
for a, v in incl.most_common(top): print(f'{100*v/N:5.1f}%  {a[:160]}')

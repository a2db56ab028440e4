using Aquila.Cli;

return await AquilaCommand.RunAsync(args);

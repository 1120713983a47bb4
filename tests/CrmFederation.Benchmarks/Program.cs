using BenchmarkDotNet.Running;
using CrmFederation.Benchmarks;

return args switch
{
    ["bodies", .. var rest] => await RequestBodies.WriteAsync(rest),
    ["calls", .. var rest] => await UpstreamCalls.PrintAsync(rest),
    ["micro", .. var rest] => RunMicro(rest),
    _ => Usage(),
};

static int RunMicro(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(RequestBodies).Assembly).Run(rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          bodies <scenario> <gateway-url> <out.lua>   write a wrk script whose requests each ask for a different page or customer
                                                      scenarios: customer360, customer360-first10, customer-by-id
          calls <system-url>...                      print the total upstream calls the sample systems have served
          micro [BenchmarkDotNet args]               run the in-process micro-benchmarks
        """);
    return 2;
}

namespace CrmFederation.SampleSystems;

public static class Program
{
    public static Task Main() => Task.CompletedTask;
}

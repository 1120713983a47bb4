using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>A Dockerfile read as text: its stages and their instructions (continuation lines joined, comments dropped).</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage FinalStage => Stages[^1];

    public static Dockerfile Load(string relativePath)
    {
        var stages = new List<Stage>();
        foreach (var line in Instructions(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, relativePath))))
        {
            var (keyword, arguments) = Split(line);
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(words[0], words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null));
            }
            else
            {
                Assert.True(stages.Count > 0, $"{relativePath}: '{line}' comes before any FROM");
                stages[^1].Instructions.Add((keyword, arguments));
            }
        }

        return new Dockerfile(stages);
    }

    private static IEnumerable<string> Instructions(IEnumerable<string> lines)
    {
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1].Trim() + " ";
                continue;
            }

            current += line;
            if (current.Length > 0)
            {
                yield return current.Trim();
            }

            current = "";
        }
    }

    private static (string Keyword, string Arguments) Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (line.ToUpperInvariant(), "") : (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }

    public sealed record Stage(string Image, string? Name)
    {
        public List<(string Keyword, string Arguments)> Instructions { get; } = [];

        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

        /// <summary>The stage's ENV settings as <c>NAME=value</c>, however they are grouped.</summary>
        public IReadOnlyList<string> Env => All("ENV").SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        /// <summary>The exec form of an instruction (<c>["dotnet", "x.dll"]</c>, also after HEALTHCHECK's options and CMD) as its words.</summary>
        public IReadOnlyList<string> ExecForm(string keyword)
        {
            var text = Assert.Single(All(keyword));
            var start = text.IndexOf('[', StringComparison.Ordinal);
            Assert.True(start >= 0, $"{keyword} is not in exec form: {text}");
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(text[start..])!;
        }
    }
}

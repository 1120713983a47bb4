using System.Text;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>Documents made of a chain of fragments F0 … F(links), each linked to the next.</summary>
public static class FragmentChains
{
    /// <summary>Each fragment spreads the next twice, so the last one's <paramref name="leaf"/> is selected 2^links times.</summary>
    public static string Doubling(int links, string leaf) =>
        Linked(links, "Query", root: "...F0", link: next => $"...{next} ...{next}", leaf: leaf);

    /// <summary><c>{ root }</c>, then fragments on <paramref name="type"/> each selecting <paramref name="link"/> to the next; the last selects <paramref name="leaf"/>.</summary>
    public static string Linked(int links, string type, string root, Func<string, string> link, string leaf = "__typename")
    {
        var document = new StringBuilder("{ " + root + " }");
        for (var i = 0; i < links; i++)
        {
            document.Append($" fragment F{i} on {type} {{ {link($"F{i + 1}")} }}");
        }

        return document.Append($" fragment F{links} on {type} {{ {leaf} }}").ToString();
    }
}

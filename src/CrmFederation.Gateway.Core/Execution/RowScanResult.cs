using System.Text.Json;

namespace CrmFederation.Gateway.Execution;

/// <summary>What a scan found: the rows kept, where the next page starts (null: no passing row follows), and the count when asked.</summary>
public sealed record RowScanResult(IReadOnlyList<JsonElement> Rows, ScanPosition? Next, int? Count);

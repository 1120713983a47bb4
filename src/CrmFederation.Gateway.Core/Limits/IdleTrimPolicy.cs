namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Tells, from the process's allocation count checked once an interval, when it has gone quiet after
/// heavy work: at most <paramref name="quietBytes"/> allocated since the last check, and at least
/// <paramref name="burstBytes"/> since the last trim. Under steady traffic the GC runs anyway and never
/// needs the nudge.
/// </summary>
public sealed class IdleTrimPolicy(long burstBytes, long quietBytes)
{
    private long _lastChecked;
    private long _lastTrimmed;

    public bool ShouldTrim(long totalAllocatedBytes)
    {
        var sinceCheck = totalAllocatedBytes - _lastChecked;
        _lastChecked = totalAllocatedBytes;
        if (sinceCheck > quietBytes || totalAllocatedBytes - _lastTrimmed < burstBytes)
        {
            return false;
        }

        _lastTrimmed = totalAllocatedBytes;
        return true;
    }
}

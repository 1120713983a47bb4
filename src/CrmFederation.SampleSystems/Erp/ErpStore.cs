using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Erp;

/// <summary>The ERP's live accounts (by CrmRef and by AccountNo) and invoices (by AccountNo), serialized once.</summary>
internal sealed class ErpStore
{
    private readonly Stored<ErpAccount>[] _accounts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byCrmRef;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byAccountNo;
    private readonly Dictionary<string, Stored<ErpInvoice>[]>.AlternateLookup<ReadOnlySpan<char>> _invoices;
    private readonly Lock _writeGate = new();

    public ErpStore(SampleDataSet data)
    {
        _accounts = new Stored<ErpAccount>[data.ErpAccounts.Count];
        var byCrmRef = new Dictionary<string, int>(_accounts.Length, StringComparer.Ordinal);
        var byAccountNo = new Dictionary<string, int>(_accounts.Length, StringComparer.Ordinal);
        for (var i = 0; i < _accounts.Length; i++)
        {
            var account = data.ErpAccounts[i];
            _accounts[i] = JsonBytes.Store(account, ErpJson.WriteAccount);
            byCrmRef.Add(account.CrmRef, i);
            byAccountNo.Add(account.AccountNo, i);
        }

        var invoices = new Dictionary<string, List<Stored<ErpInvoice>>>(_accounts.Length, StringComparer.Ordinal);
        foreach (var invoice in data.ErpInvoices)
        {
            if (!invoices.TryGetValue(invoice.AccountNo, out var list))
            {
                invoices[invoice.AccountNo] = list = new List<Stored<ErpInvoice>>(8);
            }

            list.Add(JsonBytes.Store(invoice, ErpJson.WriteInvoice));
        }

        var grouped = new Dictionary<string, Stored<ErpInvoice>[]>(invoices.Count, StringComparer.Ordinal);
        foreach (var (accountNo, list) in invoices)
        {
            grouped[accountNo] = [.. list];
        }

        _byCrmRef = byCrmRef.GetAlternateLookup<ReadOnlySpan<char>>();
        _byAccountNo = byAccountNo.GetAlternateLookup<ReadOnlySpan<char>>();
        _invoices = grouped.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Stored<ErpAccount> At(int index) => Volatile.Read(ref _accounts[index]);

    public bool TryFindByCrmRef(ReadOnlySpan<char> crmRef, out int index) => _byCrmRef.TryGetValue(crmRef, out index);

    public bool TryFindByAccountNo(ReadOnlySpan<char> accountNo, out int index) => _byAccountNo.TryGetValue(accountNo, out index);

    public Stored<ErpInvoice>[] Invoices(ReadOnlySpan<char> accountNo) => _invoices.TryGetValue(accountNo, out var invoices) ? invoices : [];

    public Stored<ErpAccount> Update(int index, Func<ErpAccount, ErpAccount> change)
    {
        lock (_writeGate)
        {
            var updated = JsonBytes.Store(change(_accounts[index].Value), ErpJson.WriteAccount);
            Volatile.Write(ref _accounts[index], updated);
            return updated;
        }
    }
}

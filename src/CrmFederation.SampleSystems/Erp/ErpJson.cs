using System.Text.Json;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Erp;

/// <summary>The ERP's wire format: PascalCase, dates as "yyyy-MM-dd", money as numbers.</summary>
internal static class ErpJson
{
    private static readonly JsonEncodedText AccountNo = JsonEncodedText.Encode("AccountNo");
    private static readonly JsonEncodedText CrmRef = JsonEncodedText.Encode("CrmRef");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("Name");
    private static readonly JsonEncodedText CreditStatus = JsonEncodedText.Encode("CreditStatus");
    private static readonly JsonEncodedText CreditLimit = JsonEncodedText.Encode("CreditLimit");
    private static readonly JsonEncodedText PaymentTerms = JsonEncodedText.Encode("PaymentTerms");
    private static readonly JsonEncodedText Currency = JsonEncodedText.Encode("Currency");
    private static readonly JsonEncodedText BillingAddress = JsonEncodedText.Encode("BillingAddress");
    private static readonly JsonEncodedText Street = JsonEncodedText.Encode("Street");
    private static readonly JsonEncodedText City = JsonEncodedText.Encode("City");
    private static readonly JsonEncodedText PostalCode = JsonEncodedText.Encode("PostalCode");
    private static readonly JsonEncodedText Country = JsonEncodedText.Encode("Country");
    private static readonly JsonEncodedText InvoiceNo = JsonEncodedText.Encode("InvoiceNo");
    private static readonly JsonEncodedText IssueDate = JsonEncodedText.Encode("IssueDate");
    private static readonly JsonEncodedText DueDate = JsonEncodedText.Encode("DueDate");
    private static readonly JsonEncodedText Amount = JsonEncodedText.Encode("Amount");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("Status");

    public static void WriteAccount(Utf8JsonWriter writer, ErpAccount account)
    {
        writer.WriteStartObject();
        writer.WriteString(AccountNo, account.AccountNo);
        writer.WriteString(CrmRef, account.CrmRef);
        writer.WriteString(Name, account.Name);
        writer.WriteString(CreditStatus, account.CreditStatus);
        writer.WriteNumber(CreditLimit, account.CreditLimit);
        writer.WriteString(PaymentTerms, account.PaymentTerms);
        writer.WriteString(Currency, account.Currency);
        writer.WriteStartObject(BillingAddress);
        writer.WriteString(Street, account.BillingAddress.Street);
        writer.WriteString(City, account.BillingAddress.City);
        writer.WriteString(PostalCode, account.BillingAddress.PostalCode);
        writer.WriteString(Country, account.BillingAddress.Country);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteInvoice(Utf8JsonWriter writer, ErpInvoice invoice)
    {
        writer.WriteStartObject();
        writer.WriteString(InvoiceNo, invoice.InvoiceNo);
        writer.WriteString(AccountNo, invoice.AccountNo);
        WireFormats.WriteDate(writer, IssueDate, invoice.IssueDate);
        WireFormats.WriteDate(writer, DueDate, invoice.DueDate);
        writer.WriteNumber(Amount, invoice.Amount);
        writer.WriteString(Currency, invoice.Currency);
        writer.WriteString(Status, invoice.Status);
        writer.WriteEndObject();
    }
}

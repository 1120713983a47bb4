using System.Buffers.Text;
using System.Text;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Tests.Execution;

public sealed class RowScanCursorTests
{
    [Theory]
    [InlineData(null, 0, 100)]
    [InlineData("MTIwMA", 37, 100)]
    [InlineData("a.b.c:d", 99, 100)]
    [InlineData("", 5, 20)]
    public void Decode_EncodedCursor_GivesItBack(string? after, int skip, int pageSize)
    {
        var cursor = new RowScanCursor(after, skip, pageSize);

        Assert.Equal(cursor, RowScanCursor.Decode(cursor.Encode(), maxPageSize: 100));
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("")]
    public void Decode_TextThatIsNoBase64Url_Null(string text) => Assert.Null(RowScanCursor.Decode(text, 100));

    [Theory]
    [InlineData("100")]
    [InlineData("101.0")]
    [InlineData("0.0")]
    [InlineData("100.101.x")]
    [InlineData("-1.0")]
    [InlineData("100.x")]
    public void Decode_PositionNoScanCouldHaveReached_Null(string decoded) =>
        Assert.Null(RowScanCursor.Decode(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(decoded)), maxPageSize: 100));

    [Fact]
    public void IsStart_OnlyBeforeTheFirstRowOfTheFirstPage()
    {
        Assert.True(RowScanCursor.Start(100).IsStart);
        Assert.False(new RowScanCursor(null, 3, 100).IsStart);
        Assert.False(new RowScanCursor("x", 0, 100).IsStart);
    }
}

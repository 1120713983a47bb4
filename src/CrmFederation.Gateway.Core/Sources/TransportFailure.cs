using System.Net.Sockets;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// The connection to a source failed (refused, reset, dropped mid-answer). SocketsHttpHandler usually
/// wraps this in <see cref="HttpRequestException"/>, but some resets surface as a bare
/// <see cref="SocketException"/> or <see cref="IOException"/>; all three mean the same to a caller.
/// </summary>
public static class TransportFailure
{
    public static bool Is(Exception exception) => exception is HttpRequestException or IOException or SocketException;
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.TestHost;

namespace ExplainerStudio.Web.Tests.Rendering;

/// <summary>
/// A minimal SignalR client over the JSON hub protocol on a WebSocket (the .NET SignalR client does not restore on
/// this feed): negotiate, handshake, invoke, and read messages separated by the record separator.
/// </summary>
internal sealed class HubConnection : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly StringBuilder _buffer = new();
    private int _invocations;

    private HubConnection(WebSocket socket) => _socket = socket;

    /// <summary>Every invocation message read so far, in order, including those the helpers skipped.</summary>
    public List<JsonElement> Received { get; } = [];

    public static async Task<HubConnection> ConnectAsync(RenderStudio studio, string userId)
    {
        using var client = studio.ClientFor(userId);
        using var negotiate = await client.PostAsync(RenderHub.Path + "/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        var sockets = studio.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers[TestUserAuthentication.Header] = userId;
        var socket = await sockets.ConnectAsync(new Uri(studio.Server.BaseAddress, $"{RenderHub.Path.TrimStart('/')}?id={token}"), CancellationToken.None);
        return await HandshakeAsync(socket);
    }

    /// <summary>The same client over a real socket, for a studio on Kestrel (another node, another process).</summary>
    public static async Task<HubConnection> ConnectAsync(Uri baseAddress, string userId)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add(TestUserAuthentication.Header, userId);
        using var negotiate = await client.PostAsync(RenderHub.Path + "/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader(TestUserAuthentication.Header, userId);
        var address = new UriBuilder(new Uri(baseAddress, $"{RenderHub.Path.TrimStart('/')}?id={token}")) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(address, CancellationToken.None);
        return await HandshakeAsync(socket);
    }

    private static async Task<HubConnection> HandshakeAsync(WebSocket socket)
    {
        var connection = new HubConnection(socket);
        await connection.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await connection.ReadAsync();
        if (handshake.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("Handshake refused: " + error.GetString());
        }
        return connection;
    }

    /// <summary>Invokes a hub method and returns its completion's error, or null when it succeeded.</summary>
    public async Task<string?> InvokeAsync(string target, params object[] arguments)
    {
        var id = (++_invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        while (true)
        {
            var message = await ReadAsync();
            if (message.GetProperty("type").GetInt32() == 3 && message.GetProperty("invocationId").GetString() == id)
            {
                return message.TryGetProperty("error", out var error) ? error.GetString() : null;
            }
        }
    }

    /// <summary>Reads until a message invoking <paramref name="target"/> whose first argument satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> ReadUntilAsync(string target, Func<JsonElement, bool> match)
    {
        while (true)
        {
            var message = await ReadAsync();
            if (message.GetProperty("type").GetInt32() == 1 && message.GetProperty("target").GetString() == target
                && match(message.GetProperty("arguments")[0]))
            {
                return message.GetProperty("arguments")[0];
            }
        }
    }

    /// <summary>Collects the arguments of <paramref name="target"/> messages that match, up to and including the one where <paramref name="last"/> holds.</summary>
    public async Task<List<JsonElement>> CollectAsync(string target, Func<JsonElement, bool> match, Func<JsonElement, bool> last)
    {
        var collected = new List<JsonElement>();
        while (true)
        {
            var argument = await ReadUntilAsync(target, match);
            collected.Add(argument);
            if (last(argument))
            {
                return collected;
            }
        }
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<JsonElement> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var chunk = new byte[8192];
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _buffer.Remove(0, end + 1);
                var message = JsonDocument.Parse(text[..end]).RootElement.Clone();
                if (message.TryGetProperty("type", out var type) && type.GetInt32() == 1)
                {
                    Received.Add(message);
                }
                return message;
            }
            var received = await _socket.ReceiveAsync(chunk, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the connection.");
            }
            _buffer.Append(Encoding.UTF8.GetString(chunk, 0, received.Count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        _socket.Dispose();
    }
}

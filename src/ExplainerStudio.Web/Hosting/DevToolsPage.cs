using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// One browser tab driven over the Chrome DevTools Protocol: navigate and evaluate script. Only the benchmark uses it,
/// to measure what a real browser sees (the studio's product code never drives a browser).
/// </summary>
public sealed class DevToolsPage : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private DevToolsPage()
    {
    }

    /// <summary>Opens a new tab in a browser started with --remote-debugging-port=<paramref name="debuggingPort"/>.</summary>
    public static async Task<DevToolsPage> OpenAsync(int debuggingPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? target = null;
        while (target is null)
        {
            try
            {
                using var response = await http.PutAsync($"http://127.0.0.1:{debuggingPort}/json/new?about:blank", null, cancellationToken);
                response.EnsureSuccessStatusCode();
                target = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["webSocketDebuggerUrl"]!.GetValue<string>();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // The browser is still starting.
                await Task.Delay(200, cancellationToken);
            }
        }
        var page = new DevToolsPage();
        await page._socket.ConnectAsync(new Uri(target), cancellationToken);
        return page;
    }

    /// <summary>
    /// Opens a tab in a window of its own, in a browser that is already running: a window's front tab paints and runs
    /// animation frames, a background tab of a shared window does not, so pages measured side by side each get one.
    /// </summary>
    public static async Task<DevToolsPage> OpenInNewWindowAsync(int debuggingPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var browserTarget = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{debuggingPort}/json/version", cancellationToken))!["webSocketDebuggerUrl"]!.GetValue<string>();
        string targetId;
        await using (var browser = new DevToolsPage())
        {
            await browser._socket.ConnectAsync(new Uri(browserTarget), cancellationToken);
            var created = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank", ["newWindow"] = true }, cancellationToken);
            targetId = created!["targetId"]!.GetValue<string>();
        }
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{debuggingPort}/json/list", cancellationToken))!.AsArray();
        var target = targets.First(t => t!["id"]!.GetValue<string>() == targetId)!["webSocketDebuggerUrl"]!.GetValue<string>();
        var page = new DevToolsPage();
        await page._socket.ConnectAsync(new Uri(target), cancellationToken);
        return page;
    }

    public Task NavigateAsync(string url, CancellationToken cancellationToken) =>
        SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancellationToken);

    /// <summary>Evaluates an expression (awaiting a promise it returns) and gives back its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        }, cancellationToken);
        if (result?["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException("Script failed in the browser: " + error.ToJsonString());
        }
        return result?["result"]?["value"];
    }

    /// <summary>Evaluates <paramref name="condition"/> until it is true.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await EvaluateAsync(condition, cancellationToken) is JsonValue value && value.TryGetValue(out bool done) && done)
                {
                    return;
                }
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                // The page is between documents.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The browser page never satisfied: {condition}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Sends one DevTools command and returns its result.</summary>
    public async Task<JsonNode?> SendAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, cancellationToken);
                text.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray());
            // Events (no id) and replies to other commands are skipped.
            if (reply?["id"]?.GetValue<int>() == id)
            {
                if (reply["error"] is { } error)
                {
                    throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
                }
                return reply["result"];
            }
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

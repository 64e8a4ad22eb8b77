using Microsoft.Playwright;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>
/// Waits for Blazor's interactive renderer. A page first arrives prerendered: it looks complete, but clicks and keys
/// on it go nowhere until the circuit has started and re-rendered the components, so every test waits for that.
/// </summary>
public static class BlazorPageExtensions
{
    // blazor.web.js keeps an element's event handlers in an expando property named "_blazorEvents_<n>"; only the
    // interactive renderer sets it, so its presence on an element means a click or key there reaches the server.
    private const string HasHandlersScript =
        "el => !!el && Object.keys(el).some(k => k.startsWith('_blazorEvents_'))";

    private const string AnyElementHasHandlersScript =
        "() => Array.prototype.some.call(document.body.querySelectorAll('*'), el => Object.keys(el).some(k => k.startsWith('_blazorEvents_')))";

    // InputFile attaches its change listener from OnAfterRenderAsync (after the render that created it); files set
    // before that are never read. Its init sets this property.
    private const string InputFileReadyScript =
        "selector => { const el = document.querySelector(selector); return !!el && el._blazorInputFileNextFileId !== undefined; }";

    /// <summary>Navigates (a full page load) and waits until the circuit has rendered the page interactively.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Reloads and waits for the circuit, as a user pressing F5 would before using the page.</summary>
    public static async Task ReloadInteractiveAsync(this IPage page)
    {
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Waits until any element of the page has interactive event handlers, i.e. the circuit rendered it.</summary>
    public static async Task WaitForInteractiveAsync(this IPage page)
    {
        await page.WaitForFunctionAsync(AnyElementHasHandlersScript, null, new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    /// <summary>Waits until this element has its interactive event handlers attached.</summary>
    public static async Task WaitForHandlersAsync(this ILocator locator)
    {
        // Polled through the locator, not an element handle: the interactive render may replace the prerendered
        // element, and only the replacement ever gets handlers.
        var deadline = DateTime.UtcNow.AddMilliseconds(StudioTimeouts.ActionMilliseconds);
        while (!await locator.EvaluateAsync<bool>(HasHandlersScript))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{locator} never became interactive; did the Blazor circuit start?");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Clicks once the element is interactive; a click on the prerendered copy would be lost.</summary>
    public static async Task ClickInteractiveAsync(this ILocator locator)
    {
        await locator.WaitForHandlersAsync();
        await locator.ClickAsync();
    }

    /// <summary>Chooses files for a Blazor InputFile once it listens for them.</summary>
    public static async Task UploadAsync(this IPage page, string selector, params FilePayload[] files)
    {
        await page.WaitForFunctionAsync(InputFileReadyScript, selector, new PageWaitForFunctionOptions { PollingInterval = 100 });
        await page.Locator(selector).SetInputFilesAsync(files);
    }

    /// <summary>
    /// Drags with real pointer moves (press, several moves, release), as MudBlazor's drop zones need; Playwright's
    /// DragToAsync jumps and the zone never sees where the item is over. Drops just before or after the target.
    /// </summary>
    public static async Task DragWithMouseAsync(this IPage page, ILocator source, ILocator target, bool after)
    {
        // Opening a shot scrolls the page to its editor one round trip after the editor shows (studio.reveal); a drag
        // measured before that scroll pressed and dropped where the cards no longer were, and nothing moved. Wait
        // until the editor, if one is open, has been brought into view for this address.
        await page.WaitForFunctionAsync(
            "() => { const editor = document.querySelector('#shot-editor'); return !editor || editor.getAttribute('data-revealed') === location.pathname; }",
            null, new PageWaitForFunctionOptions { PollingInterval = 50 });
        // The drop item around the card carries the drag handlers; after a re-render they must be attached again.
        await source.Locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' mud-drop-item ')][1]").WaitForHandlersAsync();
        await source.ScrollIntoViewIfNeededAsync();
        var from = await VisibleBoxAsync(source);
        var to = await VisibleBoxAsync(target);
        var startX = from.X + (from.Width / 2);
        var startY = from.Y + (from.Height / 2);
        var endX = to.X + (to.Width * (after ? 0.85f : 0.15f));
        var endY = to.Y + (to.Height / 2);

        // The press must land on the card itself, or the drag is some other element's (or a click): the page says
        // which card the button went down on.
        await page.EvaluateAsync(
            "() => { window.__dragPressedOn = null; document.addEventListener('mousedown', e => { window.__dragPressedOn = e.target.closest('[data-shot-id]')?.getAttribute('data-shot-id') ?? ''; }, { once: true, capture: true }); }");
        await page.Mouse.MoveAsync(startX, startY);
        await page.Mouse.DownAsync();
        var pressedOn = await page.EvaluateAsync<string?>("() => window.__dragPressedOn");
        var sourceId = await source.GetAttributeAsync("data-shot-id");
        if (pressedOn != sourceId)
        {
            await page.Mouse.UpAsync();
            throw new InvalidOperationException($"The drag pressed on shot '{pressedOn}', not on {source} (shot {sourceId}): the page moved under the pointer.");
        }

        const int steps = 12;
        for (var step = 1; step <= steps; step++)
        {
            await page.Mouse.MoveAsync(startX + ((endX - startX) * step / steps), startY + ((endY - startY) * step / steps));
        }
        // A few moves over the drop point, as a hand comes to rest: the zone settles on the index under the pointer.
        for (var jiggle = 1; jiggle <= 3; jiggle++)
        {
            await page.Mouse.MoveAsync(endX + jiggle, endY);
        }
        await page.Mouse.UpAsync();
    }

    // A card re-rendered by the board (opening the editor, a live update) is briefly detached, and BoundingBoxAsync
    // then answers null although the card is on screen: wait for the rendered element, a few times, before giving up.
    private static async Task<LocatorBoundingBoxResult> VisibleBoxAsync(ILocator locator)
    {
        for (var attempt = 0; ; attempt++)
        {
            await locator.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            if (await locator.BoundingBoxAsync() is { } box)
            {
                return box;
            }
            if (attempt == 5)
            {
                throw new InvalidOperationException($"{locator} is not visible.");
            }
        }
    }
}

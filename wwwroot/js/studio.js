// Small browser helpers the studio's components call through JS interop.
window.studio = {
    focus: function (selector) {
        const element = document.querySelector(selector);
        if (element) {
            element.focus();
        }
    },
    // Brings an element (the shot editor, below the storyboard) to the top of the view.
    reveal: function (selector) {
        const element = document.querySelector(selector);
        if (element) {
            element.scrollIntoView({ block: 'start' });
        }
    },
    // The light/dark choice, read by the server on the next page load (so the first paint has the right palette).
    saveTheme: function (name, value) {
        document.cookie = name + '=' + value + '; path=/; max-age=31536000; samesite=lax';
    },
    // Copies text to the clipboard; false where the browser refuses (no permission, or a page not served securely),
    // so the caller can tell the user to copy the shown text by hand.
    copy: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    },
    // A comment at a frame of a take: its video jumps there, paused (loading first when it was never played); false
    // when the take's video is not on the page.
    seekTake: function (takeId, seconds) {
        const video = document.querySelector('[data-take-id="' + takeId + '"] video');
        if (!video) {
            return false;
        }
        video.pause();
        video.scrollIntoView({ block: 'nearest' });
        if (video.readyState === 0) {
            video.preload = 'auto';
            video.addEventListener('loadedmetadata', function () { video.currentTime = seconds; }, { once: true });
            video.load();
        } else {
            video.currentTime = seconds;
        }
        return true;
    },
    // Where a take's video is now (seconds), for a comment at the current frame; -1 when it is not on the page.
    takeTime: function (takeId) {
        const video = document.querySelector('[data-take-id="' + takeId + '"] video');
        return video ? video.currentTime : -1;
    },
    // Ctrl+K focuses the quick search box.
    focusSearch: function () {
        const box = document.getElementById('quick-search');
        if (box) {
            box.focus();
            box.select();
        }
    }
};

// An editor ([data-guard]) commits a field's value on change (blur). Before Ctrl+S or Esc reach the editor, the focused
// field's change is raised, so the save or the "unsaved changes?" question sees exactly what is on screen. Blazor sends
// events in order, so the change is applied on the server before the key.
window.addEventListener('keydown', function (event) {
    const target = event.target;
    const guard = target && target.closest ? target.closest('[data-guard]') : null;
    const save = (event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'S');
    if (save) {
        event.preventDefault();
    }
    if (guard && (save || event.key === 'Escape') && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) {
        target.dispatchEvent(new Event('change', { bubbles: true }));
    }
    if ((event.ctrlKey || event.metaKey) && (event.key === 'k' || event.key === 'K')) {
        event.preventDefault();
        window.studio.focusSearch();
    }
}, true);

// Typing in an editor marks it before the server hears about it (a field commits on blur), so closing the tab right
// after typing still asks first.
document.addEventListener('input', function (event) {
    const guard = event.target && event.target.closest ? event.target.closest('[data-guard]') : null;
    if (guard) {
        guard.setAttribute('data-typed', 'true');
    }
}, true);

window.addEventListener('beforeunload', function (event) {
    if (document.querySelector('[data-guard][data-typed], [data-guard][data-dirty=true]')) {
        event.preventDefault();
        event.returnValue = '';
    }
});

// Alt+ArrowLeft / Alt+ArrowRight are also the browser's Back and Forward; on a shot card they reorder the shot
// and must not leave the page.
document.addEventListener('keydown', function (event) {
    if (event.altKey && event.key.startsWith('Arrow') && event.target.closest && event.target.closest('[data-shot-card]')) {
        event.preventDefault();
    }
});

// A shot card's clip plays while the pointer is over it or the card has focus, and rests on its keyframe otherwise.
function hoverVideo(event) {
    const card = event.target && event.target.closest ? event.target.closest('[data-shot-card]') : null;
    return card ? card.querySelector('video[data-hover-play]') : null;
}

document.addEventListener('mouseover', function (event) {
    const video = hoverVideo(event);
    if (video && video.paused) {
        video.play().catch(function () { });
    }
});

document.addEventListener('mouseout', function (event) {
    const video = hoverVideo(event);
    if (video && !(event.relatedTarget && video.closest('[data-shot-card]').contains(event.relatedTarget))) {
        video.pause();
    }
});

document.addEventListener('focusin', function (event) {
    const video = hoverVideo(event);
    if (video && video.paused) {
        video.play().catch(function () { });
    }
});

document.addEventListener('focusout', function (event) {
    const video = hoverVideo(event);
    if (video) {
        video.pause();
    }
});

// Small browser helpers the studio's components call through JS interop.
window.studio = {
    focus: function (selector) {
        const element = document.querySelector(selector);
        if (element) {
            element.focus();
        }
    },
    // Brings an element (the shot editor, below the storyboard) to the top of the view. It arrives after the render
    // that showed the editor, so the element says for which address it was brought into view: whoever acts on the
    // page by position (a drag) can wait until the view has stopped moving for it.
    reveal: function (selector) {
        const element = document.querySelector(selector);
        if (element) {
            element.scrollIntoView({ block: 'start' });
            element.setAttribute('data-revealed', location.pathname);
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
    // A large storyboard draws each card in full only near the screen (ShotsNearScreen.razor): the cards not drawn yet
    // carry data-shot-lazy, and the ones that come within a screen of the view are reported in one call per frame.
    // New cards (a scene expanded, another reload) are watched as they appear.
    watchShotsNearScreen: function (selector, component) {
        const board = document.querySelector(selector);
        if (!board || board.__shotsNearScreen) {
            return;
        }
        // Cards not drawn in full carry data-shot-lazy; scenes whose cards do not exist yet carry data-scene-pending.
        const near = new Set();
        const scenes = new Set();
        let scheduled = false;
        const report = function () {
            scheduled = false;
            const ids = Array.from(near);
            near.clear();
            const sceneIds = Array.from(scenes);
            scenes.clear();
            if (sceneIds.length > 0) {
                component.invokeMethodAsync('ScenesNearAsync', sceneIds).catch(function () { });
            }
            if (ids.length > 0) {
                component.invokeMethodAsync('ShotsNearAsync', ids).catch(function () { });
            }
        };
        const intersections = new IntersectionObserver(function (entries) {
            for (const entry of entries) {
                if (entry.isIntersecting) {
                    intersections.unobserve(entry.target);
                    if (entry.target.hasAttribute('data-scene-pending')) {
                        scenes.add(Number(entry.target.getAttribute('data-scene-pending')));
                    } else if (entry.target.hasAttribute('data-shot-lazy')) {
                        near.add(Number(entry.target.getAttribute('data-shot-id')));
                    }
                }
            }
            if ((near.size > 0 || scenes.size > 0) && !scheduled) {
                scheduled = true;
                requestAnimationFrame(report);
            }
        }, { rootMargin: '100% 0px' });
        const watch = function (root) {
            if (root.matches && root.matches('[data-shot-lazy], [data-scene-pending]')) {
                intersections.observe(root);
            }
            root.querySelectorAll('[data-shot-lazy], [data-scene-pending]').forEach(function (element) { intersections.observe(element); });
        };
        watch(board);
        const additions = new MutationObserver(function (records) {
            for (const record of records) {
                record.addedNodes.forEach(function (node) {
                    if (node.nodeType === Node.ELEMENT_NODE) {
                        watch(node);
                    }
                });
                // An element kept by the diff but given another card or scene is watched again.
                if (record.type === 'attributes' && record.target.hasAttribute(record.attributeName)) {
                    intersections.observe(record.target);
                }
            }
        });
        additions.observe(board, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-shot-lazy', 'data-scene-pending'] });
        board.__shotsNearScreen = true;
    },
    // A text field whose value must stay within a byte limit (TextSizeGuard.razor); a limit of 0 removes it.
    limitTextBytes: function (id, maxBytes, component) {
        if (maxBytes > 0) {
            textLimits[id] = { maxBytes: maxBytes, component: component, reported: -1 };
        } else {
            delete textLimits[id];
        }
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

// Fields with a byte limit (see studio.limitTextBytes): while a value is over it, its input and change events stop here,
// before Blazor's own listeners send the whole value to the server, and the component hears the size instead.
const textLimits = {};

function utf8Length(text) {
    return new TextEncoder().encode(text).length;
}

function guardTextSize(event) {
    const target = event.target;
    const limit = target && target.id ? textLimits[target.id] : undefined;
    if (!limit || typeof target.value !== 'string') {
        return;
    }
    // Cheap bounds first: a UTF-8 character takes 1 to 3 bytes (4 for a surrogate pair, which is 2 characters).
    const value = target.value;
    const bytes = value.length * 3 <= limit.maxBytes ? 0 : value.length > limit.maxBytes ? value.length : utf8Length(value);
    if (bytes <= limit.maxBytes) {
        limit.reported = -1;
        return;
    }
    event.stopImmediatePropagation();
    const size = value.length > limit.maxBytes ? utf8Length(value) : bytes;
    if (limit.reported !== size) {
        limit.reported = size;
        limit.component.invokeMethodAsync('TextTooLongAsync', size).catch(function () { });
    }
}

window.addEventListener('input', guardTextSize, true);
window.addEventListener('change', guardTextSize, true);

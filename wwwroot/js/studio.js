// Small browser helpers the studio's components call through JS interop.
window.studio = {
    // Keyboard reordering: Alt+ArrowUp / Alt+ArrowDown on a focused shot card move it; the component re-focuses it.
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
    // Drag and drop needs dataTransfer set, or Firefox will not start a drag.
    startDrag: function (event) {
        if (event && event.dataTransfer) {
            event.dataTransfer.setData('text/plain', '');
        }
    }
};

let draggingShot = false;

document.addEventListener('dragstart', function (event) {
    if (event.target && event.target.closest && event.target.closest('[data-draggable-shot]')) {
        draggingShot = true;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', event.target.getAttribute('data-shot-id') || '');
    }
});

document.addEventListener('dragend', function () {
    draggingShot = false;
});

// A drop only happens where dragover was cancelled. Blazor honours @ondragover:preventDefault only for events it
// already listens to, and the storyboard has no dragover handler (it would cost a server round trip per mouse
// move), so the shot lists are made drop targets here.
document.addEventListener('dragover', function (event) {
    if (draggingShot && event.target.closest && event.target.closest('.studio-shots')) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
    }
});

// Alt+ArrowLeft / Alt+ArrowRight are also the browser's Back and Forward; on a shot card they reorder the shot
// and must not leave the page.
document.addEventListener('keydown', function (event) {
    if (event.altKey && event.key.startsWith('Arrow') && event.target.closest && event.target.closest('[data-draggable-shot]')) {
        event.preventDefault();
    }
});

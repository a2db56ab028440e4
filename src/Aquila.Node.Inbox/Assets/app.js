// The inbox's only script (served from the binary; the Content-Security-Policy allows nothing else).
(function () {
    'use strict';
    var live = document.getElementById('live');
    if (live && window.EventSource) {
        var events = new EventSource('/events?after=' + encodeURIComponent(live.dataset.after));
        events.onmessage = function (e) {
            var count = parseInt(e.data, 10);
            if (!(count > 0)) { return; }
            live.textContent = '';
            var link = document.createElement('a');
            link.href = window.location.pathname + window.location.search;
            link.id = 'new-hits';
            link.textContent = count + (count === 1 ? ' new hit' : ' new hits') + ' — show';
            live.appendChild(link);
            live.hidden = false;
            document.title = '(' + count + ') Hits — Aquila inbox';
        };
    }
    var all = document.getElementById('select-all');
    if (all) {
        all.addEventListener('change', function () {
            document.querySelectorAll('input.select').forEach(function (box) { box.checked = all.checked; });
        });
    }
    var copy = document.getElementById('copy');
    if (copy) {
        copy.addEventListener('click', function () {
            var text = document.getElementById(copy.dataset.copy);
            text.select();
            if (navigator.clipboard) { navigator.clipboard.writeText(text.value); } else { document.execCommand('copy'); }
        });
    }
})();

// Live updates: a page with <body data-live-events="/workspaces/{id}/events"> listens to its workspace's changes
// and refreshes its [data-live-region] elements from a fresh copy of the page, without a reload. A region with
// data-live-conversation="{id}" is refreshed only when that conversation changed. While someone is typing in a
// region, it is not replaced; a notice offers the update instead.
(function () {
  'use strict';
  var body = document.body;
  var url = body && body.getAttribute('data-live-events');
  if (!url || !window.EventSource) {
    return;
  }
  var status = document.getElementById('live-status');
  var refreshing = false;
  var again = false;

  function show(text, state) {
    if (status) {
      status.textContent = text;
      status.setAttribute('data-state', state);
    }
  }

  function busy(region) {
    var active = document.activeElement;
    return active && region.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  function regions(changed, all) {
    return Array.prototype.filter.call(document.querySelectorAll('[data-live-region]'), function (region) {
      var only = region.getAttribute('data-live-conversation');
      return all || !only || changed.indexOf(only) >= 0;
    });
  }

  function refresh(changed, all) {
    var wanted = regions(changed, all);
    if (wanted.length === 0) {
      return;
    }
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    fetch(window.location.href, {headers: {'Accept': 'text/html'}, credentials: 'same-origin'})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        wanted.forEach(function (region) {
          var replacement = fresh.getElementById(region.id);
          if (!replacement) {
            return;
          }
          if (busy(region)) {
            show('Updated elsewhere: reload to see it.', 'stale');
            return;
          }
          var known = {};
          region.querySelectorAll('[data-live-item]').forEach(function (item) {
            known[item.getAttribute('data-live-item')] = true;
          });
          region.innerHTML = replacement.innerHTML;
          region.querySelectorAll('[data-live-item]').forEach(function (item) {
            if (!known[item.getAttribute('data-live-item')]) {
              item.classList.add('arrived');
            }
          });
          if (window.htmx) {
            window.htmx.process(region);
          }
        });
        show('Live', 'live');
      })
      .catch(function () {
        show('Could not refresh: reload the page.', 'stale');
      })
      .then(function () {
        refreshing = false;
        if (again) {
          again = false;
          refresh([], true);
        }
      });
  }

  var source = new EventSource(url);
  source.addEventListener('ready', function () {
    show('Live', 'live');
  });
  source.addEventListener('changed', function (event) {
    var data = JSON.parse(event.data);
    refresh(data.conversations || [], data.more === true);
  });
  source.onerror = function () {
    // The browser reconnects by itself; say so meanwhile.
    show('Reconnecting…', 'stale');
  };
}());

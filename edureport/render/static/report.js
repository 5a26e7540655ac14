(function () {
  var root = document.currentScript && document.currentScript.parentElement;
  if (!root || root.dataset.erReady) return;
  var wrap = root.parentElement, text = root.querySelector('.er-text');
  var all = function (sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };
  all('[data-count]').forEach(function (el) {
    var role = el.getAttribute('data-count');
    el.textContent = role === 'metric' ? all('.er-metric').length : all('.er-item.er-' + role).length;
  });
  all('.er-nav').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var target = root.querySelector('.er-heading[data-sec="' + link.dataset.sec + '"]');
      if (target) { event.preventDefault(); target.scrollIntoView({behavior: 'smooth', block: 'start'}); }
    });
  });
  all('.er-key').forEach(function (key) {
    key.addEventListener('click', function () {
      var on = key.getAttribute('aria-pressed') !== 'true';
      key.setAttribute('aria-pressed', on ? 'true' : 'false');
      wrap.classList.toggle('er-hide-' + key.dataset.role, !on);
    });
  });
  var light = function (n, on) {
    all('[data-metric="' + n + '"]').forEach(function (el) { el.classList.toggle('er-lit', on); });
    all('[data-ind-of~="' + n + '"]').forEach(function (el) { el.classList.toggle('er-lit-ind', on); });
  };
  all('.er-text [data-metric], .er-row').forEach(function (el) {
    var n = el.dataset.metric;
    el.addEventListener('mouseenter', function () { light(n, true); });
    el.addEventListener('mouseleave', function () { light(n, false); });
  });
  all('.er-row').forEach(function (row) {
    row.addEventListener('click', function () {
      var target = root.querySelector('.er-metric[data-metric="' + row.dataset.metric + '"]');
      if (!target) return;
      target.scrollIntoView({behavior: 'smooth', block: 'center'});
      target.classList.remove('er-flash'); void target.offsetWidth; target.classList.add('er-flash');
    });
  });
  all('.er-text [data-metric]').forEach(function (metric) {
    metric.addEventListener('click', function () {
      var row = root.querySelector('.er-row[data-metric="' + metric.dataset.metric + '"]');
      if (row) row.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    });
  });
  var headings = all('.er-heading'), navs = {}, ticking = false;
  all('.er-nav').forEach(function (link) { navs[link.dataset.sec] = link; });
  var spy = function () {
    ticking = false;
    var top = text.getBoundingClientRect().top + 24, current = null;
    headings.forEach(function (h) { if (h.getBoundingClientRect().top <= top) current = h; });
    all('.er-nav.er-active').forEach(function (el) { el.classList.remove('er-active'); });
    if (current && navs[current.dataset.sec]) navs[current.dataset.sec].classList.add('er-active');
  };
  text.addEventListener('scroll', function () { if (!ticking) { ticking = true; requestAnimationFrame(spy); } });
  spy();
  root.dataset.erReady = '1';
})();

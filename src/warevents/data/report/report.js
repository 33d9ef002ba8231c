// warevents report page: a row of the events table highlights its evidence sentences in the text.
(function () {
  function mark(key, on) {
    document.querySelectorAll('[data-ev~="' + key + '"]').forEach(function (el) {
      el.classList.toggle('hl', on);
    });
  }
  document.querySelectorAll('tr.row[data-key]').forEach(function (row) {
    var key = row.getAttribute('data-key');
    row.addEventListener('mouseenter', function () { mark(key, true); });
    row.addEventListener('mouseleave', function () { if (!row.classList.contains('active')) mark(key, false); });
    row.addEventListener('click', function () {
      var on = !row.classList.contains('active');
      row.classList.toggle('active', on);
      mark(key, on);
      var first = document.querySelector('[data-ev~="' + key + '"]');
      if (on && first) first.scrollIntoView({block: 'center'});
    });
  });
  // a link to page.html#ev=KEY opens with that event's row selected
  var m = /^#ev=([\w-]+)$/.exec(window.location.hash);
  var row = m && document.querySelector('tr.row[data-key="' + m[1] + '"]');
  if (row) row.click();
})();

// Draws the room's figures with Chart.js (served by the console, no CDN). The numbers come from data-*
// attributes the server wrote, escaped: nothing here builds HTML from text.

function drawChart(canvas) {
  if (typeof window.Chart !== 'function') return
  const labels = JSON.parse(canvas.dataset.labels || '[]')
  const values = JSON.parse(canvas.dataset.values || '[]')
  const max = canvas.dataset.max ? Number(canvas.dataset.max) : undefined
  window.Chart.defaults.font.family = '"Qunbot Sans", "PingFang SC", sans-serif'
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [{ label: canvas.dataset.title || '', data: values, backgroundColor: '#14b8a6' }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, title: { display: true, text: canvas.dataset.title || '' } },
      scales: { y: { beginAtZero: true, max, ticks: { precision: 0 } } },
    },
  })
  canvas.dataset.drawn = 'true'
}

document.addEventListener('DOMContentLoaded', () => {
  for (const canvas of document.querySelectorAll('canvas.chart')) drawChart(canvas)
})

// Draws the cockpit's charts from the figures the page embeds (json_script "chart-data").
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const palette = ["#b71c1c", "#e57373", "#ffb74d", "#64b5f6", "#81c784"];
  const charts = [
    ["chart-classes", "pie", "答复类别", data.classes],
    ["chart-feedback", "doughnut", "提案者评价", data.feedback],
    ["chart-resolved", "bar", "一线协商解决问题", data.resolved],
    ["chart-activities", "bar", "履职活动", data.activities],
  ];
  for (const [id, type, title, series] of charts) {
    new Chart(document.getElementById(id), {
      type: type,
      data: { labels: series.labels, datasets: [{ label: title, data: series.values, backgroundColor: palette }] },
      options: { plugins: { title: { display: true, text: title }, legend: { display: type !== "bar" } } },
    });
  }
})();

/// The pages' only script, served as /assets/alerts.js (the Content-Security-Policy allows no inline script): the
/// alerts page follows the server-sent events of /api/v1/alerts/events and says when alerts are raised or change,
/// with a link that reloads the list. Pages work without it.
public enum Scripts {
    public static let alerts = """
        (function () {
          var live = document.getElementById("live");
          if (!live || !window.EventSource) return;
          var zh = document.documentElement.lang !== "en";
          var raised = 0, changed = 0;
          var source = new EventSource(live.getAttribute("data-stream"));
          source.addEventListener("alert", function (event) {
            var notice = JSON.parse(event.data);
            if (notice.kind === "raised") raised += 1; else changed += 1;
            var alert = notice.alert;
            var text = (zh ? "新告警 " : "New alert ") + "#" + alert.id + ": " + (zh ? alert.message : alert.message_en);
            if (notice.kind !== "raised") text = (zh ? "告警已更新 #" : "Alert changed #") + alert.id + " (" + alert.state + ")";
            live.textContent = "";
            var line = document.createElement("span");
            line.textContent = text + " — " + (zh ? "新增 " + raised + "，更新 " + changed + "。" : raised + " new, " + changed + " changed. ");
            var reload = document.createElement("a");
            reload.href = window.location.href;
            reload.textContent = zh ? "刷新列表" : "Reload the list";
            live.appendChild(line);
            live.appendChild(reload);
            live.hidden = false;
          });
        })();
        """
}

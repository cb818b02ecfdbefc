#!/usr/bin/env python3
"""Write-to-alert latency of a running `qudao serve`: posts orders from a suspended partner through the API and times
how long each takes to come back as an `alert` event on GET /api/v1/alerts/events (the built-in
suspended-partner-order rule raises one alert per such order).

    python3 bench/alert-latency.py --url http://127.0.0.1:8090 --key qk_... [--orders 10]

The key needs `read` and `write` (a channel manager's key). Prints one line per order and the median and maximum.
"""
import argparse
import datetime
import http.client
import json
import queue
import statistics
import threading
import time
import urllib.parse
import urllib.request


def call(base, key, method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", "Bearer " + key)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def listen(base, key, events):
    """Puts (arrival time, notice) for every `alert` event of the stream."""
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    connection.request("GET", "/api/v1/alerts/events", headers={"Authorization": "Bearer " + key})
    response = connection.getresponse()
    kind, data = None, []
    while True:
        line = response.readline()
        if not line:
            return
        line = line.decode().rstrip("\n")
        if line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        elif line == "":
            if kind == "alert" and data:
                events.put((time.monotonic(), json.loads("\n".join(data))))
            kind, data = None, []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8090")
    parser.add_argument("--key", required=True)
    parser.add_argument("--orders", type=int, default=10)
    args = parser.parse_args()

    partners = call(args.url, args.key, "GET", "/api/v1/partners?status=suspended&limit=1")["items"]
    if not partners:
        raise SystemExit("no suspended partner in the database")
    partner = partners[0]["partner_id"]
    outlets = call(args.url, args.key, "GET", "/api/v1/outlets?partner_id=" + partner + "&limit=1")["items"]
    outlet = outlets[0]["outlet_id"] if outlets else None

    events = queue.Queue()
    threading.Thread(target=listen, args=(args.url, args.key, events), daemon=True).start()
    time.sleep(1)
    run = datetime.datetime.now(datetime.timezone.utc).strftime("%H%M%S")
    latencies = []
    for n in range(args.orders):
        code = "SO-LAT-%s-%02d" % (run, n)
        order = {"order_id": code, "partner_id": partner, "channel": "offline", "status": "pending",
                 "ordered_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        if outlet:
            order["outlet_id"] = outlet
        started = time.monotonic()
        call(args.url, args.key, "POST", "/api/v1/orders", order)
        written = time.monotonic()
        while True:
            try:
                arrived, notice = events.get(timeout=30)
            except queue.Empty:
                raise SystemExit("no alert for %s within 30 s" % code)
            if notice.get("kind") == "raised" and notice["alert"]["subject"] == "order=" + code:
                break
        latencies.append(arrived - started)
        print("%s: write %.0f ms, write to alert %.0f ms" % (code, (written - started) * 1000, (arrived - started) * 1000))
        time.sleep(0.5)
    print("write to alert: median %.0f ms, max %.0f ms over %d orders"
          % (statistics.median(latencies) * 1000, max(latencies) * 1000, len(latencies)))


if __name__ == "__main__":
    main()

"""A whole bot for Entente's seat API (docs/seat-api.md) with only Python's standard library.

It reads its seat's context, gives every unit a random legal order, says it is ready, and
long-polls until something changes -- until the match ends.

    python3 examples/seat_bot.py http://localhost:8000 <matchID> <credentials>

The credentials are those the lobby's join (or create, for the host) gave for the seat.
"""
import json
import random
import sys
import urllib.request

server, match_id, credentials = sys.argv[1:4]
base = f"{server}/api/matches/{match_id}/seat"
headers = {"Authorization": f"Bearer {credentials}", "Content-Type": "application/json"}


def call(method, path, body=None):
    """Sends one request; returns (status, JSON answer or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=40) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:  # 4xx/5xx: the refusal's JSON
        return error.code, json.loads(error.read() or b"null")


status, context = call("GET", "/context")
while context["standing"]["result"] is None:
    # A random legal order per unit; in an adjustment phase only as many as the change allows.
    choices = list(context["legalOrders"].values())
    if context["phase"]["kind"] == "adjustment":
        choices = choices[: abs(context["phase"].get("change", 0))]
    if not context["ready"] and choices:
        orders = [random.choice(options) for options in choices]
        body = {"orders": orders, "ready": True, "phase": context["phase"]["key"]}
        status, _ = call("POST", "/orders", body)
        print(f"{context['power']} {context['phase']['key']}: {', '.join(orders)} -> {status}")
    # Long-poll: the context as soon as anything the seat may see changes (204: nothing yet).
    status, answer = call("GET", f"/wait?after={context['seq']}&timeout=25")
    if status == 200:
        context = answer
    elif status != 204:
        raise SystemExit(f"wait: {status} {answer}")
print(f"the match is over; winner: {context['standing']['result']['winner'] or 'none (a draw)'}")

"""Helpers of scripts/bench-web: the generated agreement, the wires, the desk sign-in.

  bench_web.py agreement PURCHASERS            prints the agreement file
  bench_web.py fill BASE TOKEN PURCHASERS EVENTS  records wires until the log holds EVENTS events
  bench_web.py sign-in BASE USER PASSWORD      prints the desk's session cookie value
"""
import datetime
import http.client
import json
import re
import sys
import urllib.parse
import zoneinfo


def agreement(purchasers):
    today = datetime.datetime.now(zoneinfo.ZoneInfo("America/New_York")).date()
    shares = 1_000_000
    each = shares * 3  # $0.03 a share, in cents: $30,000.00 a purchaser
    total = each * purchasers

    def money(cents):
        return f"{cents // 100}.{cents % 100:02d}"

    parties = "\n".join(
        f'  - {{id: purchaser-{i}, name: "Purchaser {i}", role: purchaser}}' for i in range(1, purchasers + 1))
    subscriptions = "\n".join(
        f'  - {{purchaser: purchaser-{i}, shares: {shares}, amount: "{money(each)}"}}' for i in range(1, purchasers + 1))
    return f"""agreement:
  id: bench-web
  title: Escrow Agreement
  dated: {today.isoformat()}
  currency: USD
calendar:
  timeZone: America/New_York
  cutoff: end-of-day
  extraClosures: []
parties:
  - {{id: company, name: "Company", role: company}}
  - {{id: escrow-agent, name: "Escrow Agent", role: escrowAgent}}
  - {{id: sichenzia, name: "Counsel", role: feePayee}}
  - {{id: burnham-hill, name: "Placement Agent", role: feePayee}}
  - {{id: nir-group, name: "Noteholders", role: thirdParty}}
{parties}
offering:
  security: "Common stock"
  shares: {shares * purchasers}
  pricePerShare: "0.03"
  total: "{money(total)}"
subscriptions:
{subscriptions}
depositInstructions:
  bank: "Citibank, N.A."
  bankAddress: "666 Fifth Avenue, New York, NY 10103"
  routingNumber: "021000089"
  accountName: "Escrow Account"
  accountNumber: "37317968"
  reference: "Bench"
conditions:
  - {{id: subscription-funds, kind: subscriptionFunds, title: "Subscription amounts", clause: "1.2"}}
  - {{id: nir-waiver, kind: document, title: "NIR Waiver", from: [nir-group], clause: "1.2"}}
  - {{id: counterpart-signature-pages, kind: counterparts, title: "Counterpart signature pages", from: [company, purchasers], clause: "1.2"}}
releaseInstrument:
  title: Release Notice
  clause: "1.4, Exhibit A"
  signers: [company, purchasers]
  text: "The undersigned notify the Escrow Agent that the conditions are satisfied."
disbursement:
  fixedPayments:
    - {{payee: escrow-agent, amount: "15000.00", purpose: "Agent fee", clause: "1.5"}}
    - {{payee: sichenzia, amount: "48500.00", purpose: "Counsel fee", clause: "1.5"}}
    - {{payee: burnham-hill, amount: "520000.00", purpose: "Placement fee", clause: "1.5"}}
  remainder: {{payee: company, clause: "1.6"}}
refund:
  unless: nir-waiver
  businessDaysAfterAgreementDate: 60
  clause: "1.7"
"""


def fill(base, token, purchasers, events):
    """Wires of $1,000.00 from each purchaser in turn, over one kept-alive connection, until
    the log's last sequence reaches `events`."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    sequence, wire = 1, 0
    while sequence < events:
        wire += 1
        body = json.dumps({"bankReference": f"BW{wire:06d}", "purchaser": f"purchaser-{(wire - 1) % purchasers + 1}", "amount": "1000.00"})
        connection.request("POST", "/escrows/bench-web/deposits", body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            sys.exit(f"wire {wire} refused: {response.status} {answer.decode()}")
        lines = json.loads(answer)["events"]
        sequence = max([sequence] + [line["sequence"] for line in lines if line.get("sequence")])
    print(f"recorded {wire} wires; the log holds {sequence} events", file=sys.stderr)


def sign_in(base, user, password):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    connection.request("GET", "/desk/sign-in")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";")[0].partition("=")
        cookies[name] = value
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "user": user, "password": password})
    connection.request("POST", "/desk/sign-in", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    response = connection.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";")[0].partition("=")
        if name == "escrow_session" and value:
            return value
    sys.exit(f"sign-in failed: {response.status}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "agreement":
        print(agreement(int(sys.argv[2])), end="")
    elif command == "fill":
        fill(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif command == "sign-in":
        print(sign_in(sys.argv[2], sys.argv[3], sys.argv[4]))

"""Deterministic generator of realistic Seller Support drafts for the benchmark.

    python bench/generate.py OUT_DIR [-n 1000] [--seed 6]

The same (n, seed) always gives byte-identical files (``draft-00001.txt`` ...). Drafts vary in issue
type (shipment, inventory, reimbursement, listing, account health, Buy Box, reviews, buyer complaints,
fees, tax, brand), tone (polite, neutral, terse, angry, sarcastic, follow-up, appeal), identifiers
(ASINs, FBA shipment IDs, order IDs, case IDs, FNSKUs, SKUs, tracking numbers, sometimes malformed or
left as placeholders), second-language English, typos, ALL CAPS, line layout, and length (80-300 words).
"""

from __future__ import annotations

import argparse
import random
import string
from pathlib import Path

ALNUM = string.ascii_uppercase + string.digits

GREETINGS = ["Hello,", "Hi,", "Dear Seller Support,", "Dear sir/madam,", "Hello team,", "Good morning,",
             "To whom it may concern,", "Hi there,", "Dear Amazon,", "Greetings,"]
SIGNOFFS = ["Best regards,\n{name}", "Thanks,\n{name}", "Kind regards,\n{name} ({store})", "Regards,\n{name}",
            "Sincerely,\n{name}\n{store}", "Thank you,\n{name}", "{name}"]
NAMES = ["Lin", "Anna", "Carlos", "Mei", "Raj", "Tom", "Fatima", "Kenji", "Olga", "David", "Sara", "Minh"]
STORES = ["Kimberly Home Goods", "Example Store", "BlueRiver Outdoor", "Sakura Crafts", "NorthPeak Tools",
          "Happy Paws Supply", "Luna Kitchen", "Urban Bottle Co"]
PRODUCTS = ["steel water bottle", "yoga mat", "dog leash", "phone case", "kitchen knife set", "LED desk lamp",
            "baby bib", "garden hose", "ceramic mug", "laptop stand", "bamboo cutting board", "hair dryer"]
WAREHOUSES = ["ONT8", "PHX6", "TEB3", "LGB8", "SBD1", "MDW2", "NRT5", "BHX4"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
CARRIERS = ["UPS", "FedEx", "DHL", "USPS", "the carrier", "our freight forwarder"]

PADDING = [
    "We are a small family business and Amazon is our main sales channel.",
    "We have been selling on Amazon for {years} years without any problem.",
    "Our team checked the records again this morning.",
    "We always follow the packing and labelling requirements carefully.",
    "This product is one of our best items and customers like it very much.",
    "We already followed the steps in the help pages but nothing changed.",
    "Our accountant also looked at the numbers and they do not match.",
    "We hope you can understand our situation.",
    "The units were labelled with the correct FNSKU labels before shipping.",
    "We attach screenshots of the page so you can see the problem.",
    "We checked the inventory ledger report for the last {days} days.",
    "Customers have asked us about this several times in buyer messages.",
    "It is very important for our business, because we have limited cash flow.",
    "We sent the same information in the previous case as well.",
    "Our warehouse manager confirmed the count with the packing list.",
    "Every carton was weighed and photographed before pickup.",
]


def rid(rng: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


class Facts:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.asin = "B0" + rid(rng, 8)
        self.shipment = "FBA" + rid(rng, rng.choice((8, 9, 10)))
        self.order = f"{rng.randint(111, 114)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}"
        self.case = str(rng.randint(10**9, 10**10 - 1))
        self.fnsku = "X00" + rid(rng, 7)
        self.sku = f"{rid(rng, 2, string.ascii_uppercase)}-{rng.choice(PRODUCTS).split()[-1].upper()}-{rng.randint(1, 99):02d}"
        self.tracking = "1Z" + rid(rng, 16)
        self.product = rng.choice(PRODUCTS)
        self.store = rng.choice(STORES)
        self.sent = rng.choice((24, 48, 60, 96, 120, 144, 200, 240, 480))
        self.received = self.sent - rng.choice((6, 12, 18, 24, 36, 72))
        self.missing = self.sent - self.received
        self.date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
        self.date2 = f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
        self.amount = f"${rng.randint(3, 900)}.{rng.randint(0, 99):02d}"
        self.fee = f"${rng.randint(1, 9)}.{rng.randint(0, 99):02d}"
        self.warehouse = rng.choice(WAREHOUSES)
        self.carrier = rng.choice(CARRIERS)
        self.weeks = rng.choice(("two", "three", "four", "six"))
        # Sometimes an ID is typed wrong or left as a template placeholder.
        roll = rng.random()
        if roll < 0.06:
            self.asin = self.asin[:-2]  # too short
        elif roll < 0.10:
            self.asin = "BO" + self.asin[2:]  # O/0 confusion
        elif roll < 0.13:
            self.asin = "[ASIN]"
        elif roll < 0.16:
            self.shipment = "FBAXXXXXXXX"
        elif roll < 0.19:
            self.asin = self.asin.lower()

    def fill(self, s: str) -> str:
        return s.format(**vars(self), years=self.rng.randint(2, 9), days=self.rng.choice((30, 60, 90)))


ISSUES: dict[str, dict[str, list[str]]] = {
    "shipment": {
        "facts": [
            "We sent shipment {shipment} to warehouse {warehouse} on {date}, total {sent} units.",
            "Shipment ID: {shipment}\nSent: {sent} units\nReceived: {received} units",
            "{carrier} shows the shipment delivered on {date2} and signed by the warehouse.",
            "The shipment page still shows only {received} units received, {missing} units are missing.",
            "It is already {weeks} weeks after delivery and the status is still receiving.",
            "Tracking number {tracking} confirms the delivery of all cartons.",
            "Shipment {shipment} shows 0 units received although it was delivered on {date2}.",
        ],
        "requests": [
            "Please check the shipment and help us find the missing units.",
            "Could you please investigate and check in the remaining {missing} units?",
            "Check it and tell me where the units are.",
            "Kindly ask the warehouse to finish receiving this shipment.",
        ],
    },
    "inventory": {
        "facts": [
            "FNSKU {fnsku} ({product}) shows {missing} units as unfulfillable since {date}.",
            "Our inventory for SKU {sku} dropped from {sent} to {received} units without any orders.",
            "The listing for ASIN {asin} is stranded and the units cannot be sold.",
            "The inventory ledger shows {missing} units in 'warehouse lost' but no reimbursement.",
            "Units of {fnsku} are stuck in researching status for {weeks} weeks.",
        ],
        "requests": [
            "Please check where these units are and update the inventory.",
            "Could you please help us fix the stranded inventory?",
            "We would appreciate it if you could locate the {missing} units.",
            "Fix the inventory count.",
        ],
    },
    "reimbursement": {
        "facts": [
            "We received only {amount} reimbursement for {missing} lost units of {fnsku}.",
            "The reimbursement value is much lower than our sale price of {amount}.",
            "Amazon lost {missing} units of shipment {shipment} but we were reimbursed for only some of them.",
            "Order {order} was refunded but the customer never returned the item.",
            "{missing} units were damaged in the warehouse on {date} and no reimbursement was issued.",
        ],
        "requests": [
            "Please reimburse the remaining {missing} units at the correct value.",
            "Could you please review the reimbursement again?",
            "Kindly open a reimbursement investigation for these units.",
            "Reimburse us for the missing units.",
        ],
    },
    "listing": {
        "facts": [
            "The title of ASIN {asin} shows the wrong size for our {product}.",
            "The main image of {asin} was replaced by a wrong picture on {date}.",
            "Our listing {asin} shows the wrong brand name and the wrong bullet points.",
            "We tried to update the title with a flat file but we get error 8572.",
            "The detail page for the {product} lists the capacity as 500 ml but it is 1 litre.",
        ],
        "requests": [
            "Please change the title to the correct one so we can increase sales.",
            "Could you please update the detail page, customers are confused by the wrong information.",
            "Please correct the listing so customers can find the right product.",
            "Fix the listing.",
        ],
    },
    "account_health": {
        "facts": [
            "Our account health rating dropped after a policy warning on {date}.",
            "ASIN {asin} was removed for a suspected intellectual property complaint.",
            "We received a notification that our account is at risk of deactivation.",
            "Our order defect rate went above 1% because of three A-to-z claims.",
            "Root cause: our supplier sent a batch without the correct safety labels.",
        ],
        "requests": [
            "Please reinstate our listing, we did nothing wrong.",
            "We respectfully ask you to review our plan of action and reinstate the ASIN.",
            "Could you please tell us which policy this complaint refers to?",
            "Please reactivate my account.",
        ],
    },
    "buy_box": {
        "facts": [
            "We lost the Buy Box on ASIN {asin} since {date} although our price is the lowest.",
            "Our sales dropped a lot after we lost the featured offer.",
            "Another seller wins the Buy Box with a higher price of {amount}.",
        ],
        "requests": [
            "Please give us the Buy Box back.",
            "Could you please check why we are not eligible for the Buy Box?",
        ],
    },
    "reviews": {
        "facts": [
            "A competitor left a fake 1-star review on our {product} ({asin}) on {date}.",
            "The review talks about a different product, not ours.",
            "We believe these reviews are written by the same person.",
        ],
        "requests": [
            "Please remove this fake review.",
            "Could you please check these reviews and remove them?",
        ],
    },
    "buyer_complaint": {
        "facts": [
            "The buyer of order {order} opened an A-to-z claim but the tracking shows delivered.",
            "A buyer left negative feedback saying the item was late, but it was shipped by FBA.",
            "The customer returned a different item for order {order}.",
            "The buyer says the {product} is broken but did not send any photo.",
        ],
        "requests": [
            "Please remove this feedback.",
            "Could you please review the claim, the package was delivered on {date2}?",
            "Kindly help us with this return.",
        ],
    },
    "fees": {
        "facts": [
            "We are charged an FBA fee of {fee} per unit for {asin} but the size tier is wrong.",
            "The product weighs 300 g and measures 20 x 10 x 5 cm, so it is small standard size.",
            "Our storage fees for last month are {amount}, much higher than usual.",
            "The referral fee for SKU {sku} was charged twice on {date}.",
        ],
        "requests": [
            "Please re-measure the product and refund the fee difference.",
            "Could you please check the dimensions and correct the fee?",
        ],
    },
    "tax": {
        "facts": [
            "The tax interview says our W-8BEN TIN is invalid.",
            "Sales tax was charged on order {order} shipped to Oregon.",
            "Our VAT invoice for {date} is missing from the tax document library.",
            "We did not receive the 1099-K form for last year.",
        ],
        "requests": [
            "Please help us complete the tax interview.",
            "Could you please explain why the tax was charged?",
        ],
    },
    "brand": {
        "facts": [
            "Our Brand Registry application was rejected because the trademark name does not match.",
            "A counterfeit seller is selling fake copies of our {product} on ASIN {asin}.",
            "Our registered trademark is {store}, serial number 90123456.",
        ],
        "requests": [
            "Please review our brand application again.",
            "Could you please remove the counterfeit offers from our listing?",
        ],
    },
}

TONE_LINES = {
    "angry": [
        "This is ridiculous and completely unacceptable.",
        "You people lost my inventory again.",
        "If this is not fixed I will contact my lawyer.",
        "Fix it immediately!",
        "I am sick and tired of this, what a waste of time.",
        "WHERE ARE MY UNITS? I SENT THEM {weeks} WEEKS AGO!!!",
        "Your team is useless.",
        "I demand a refund right now.",
    ],
    "sarcastic": [
        "Thanks for nothing.",
        "Great job Amazon, another canned answer.",
        "Oh great, the same reply again.",
        "How helpful, yeah right.",
    ],
    "followup": [
        "This is a follow-up to case {case}, which is still not resolved.",
        "I already contacted you last week about this and nothing happened.",
        "This is my third message about this problem.",
        "We have been working on this issue for over a month.",
        "Your last reply was wrong: the units were never received.",
        "Previous case ID: {case}",
    ],
    "polite_extra": [
        "Thank you for your help.",
        "We appreciate your support.",
        "Please reply by email so we have a written record.",
        "If you are unable to help, please escalate this case to your supervisor.",
        "Please take ownership of this issue and help us find the best solution.",
        "Screenshots and the invoice are attached.",
        "This affects the customer experience because customers receive the wrong information.",
    ],
}

TYPOS = {"escalate": "escalte", "customer": "costumer", "reimbursement": "reimbursment", "shipment": "shipmnet",
         "received": "recieved", "ownership": "ownershp", "inventory": "inventroy", "warehouse": "warehose"}

TONES = ("polite", "polite", "neutral", "terse", "angry", "sarcastic", "followup", "followup", "appeal")


def make_draft(rng: random.Random) -> str:
    facts = Facts(rng)
    issue = rng.choice(list(ISSUES))
    tone = "appeal" if issue == "account_health" and rng.random() < 0.5 else rng.choice(TONES)
    target = rng.randint(80, 300)
    pool = ISSUES[issue]
    body: list[str] = []
    if tone in ("followup",):
        body.append(rng.choice(TONE_LINES["followup"]))
    if tone == "appeal":
        body.append("Re: Plan of Action for ASIN {asin}")
        body.append("Thank you for reviewing our appeal. We take full responsibility.")
    body += rng.sample(pool["facts"], k=min(len(pool["facts"]), rng.randint(2, 4)))
    # Occasionally a second, unrelated problem in the same draft.
    if rng.random() < 0.12:
        other = rng.choice([k for k in ISSUES if k != issue])
        extra = rng.choice(ISSUES[other]["facts"])
        body.append("Also, " + extra[0].lower() + extra[1:])
    if tone in ("angry", "sarcastic"):
        body += rng.sample(TONE_LINES[tone], k=rng.randint(1, 3))
    request = rng.choice(pool["requests"])
    while _words(body) + len(request.split()) < target - 25:
        fresh = [x for x in (PADDING if rng.random() < 0.7 else pool["facts"]) if x not in body] or PADDING
        body.append(rng.choice(fresh))
        if rng.random() < 0.15 and tone != "terse":
            body.append(rng.choice(TONE_LINES["polite_extra"]))
    at = len(body) if rng.random() < 0.7 else rng.randint(0, len(body))
    body.insert(at, request)
    if tone in ("polite", "appeal", "followup"):
        body += rng.sample(TONE_LINES["polite_extra"], k=rng.randint(1, 3))
    if tone == "followup" and rng.random() < 0.4:
        body.append(rng.choice(TONE_LINES["followup"]))
    text = _layout(rng, [facts.fill(s) for s in body])
    if rng.random() < 0.25:
        word, typo = rng.choice(list(TYPOS.items()))
        text = text.replace(word, typo, 1)
    if rng.random() < 0.15:
        text = text.replace(" is ", " are ", 1).replace(" was ", " is ", 1)  # second-language English
    parts = []
    if tone != "terse" or rng.random() < 0.3:
        parts.append(rng.choice(GREETINGS))
    parts.append(text)
    if tone != "terse" or rng.random() < 0.3:
        parts.append(rng.choice(SIGNOFFS).format(name=rng.choice(NAMES), store=rng.choice(STORES)))
    return "\n\n".join(parts).rstrip() + "\n"


def _words(lines: list[str]) -> int:
    return sum(len(s.split()) for s in lines)


def _layout(rng: random.Random, sentences: list[str]) -> str:
    """Group sentences into paragraphs; sometimes one fact per line, sometimes a bulleted list."""
    style = rng.random()
    if style < 0.15:
        return "\n".join(sentences)
    if style < 0.25:
        head, rest = sentences[:2], sentences[2:]
        return " ".join(head) + "\n\n" + "\n".join("- " + s for s in rest)
    paras, cur = [], []
    for s in sentences:
        cur.append(s)
        if len(cur) >= rng.randint(2, 4):
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(paras)


def generate(n: int, seed: int = 6) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        draft = make_draft(rng)
        words = len(draft.split())
        if 80 <= words <= 300:
            out.append(draft)
    return out


def write(out_dir: str | Path, n: int, seed: int = 6) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(n)))
    paths = []
    for i, text in enumerate(generate(n, seed), 1):
        p = out / f"draft-{i:0{width}d}.txt"
        data = text.encode("utf-8")
        if not p.exists() or p.read_bytes() != data:
            p.write_bytes(data)
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    paths = write(args.out_dir, args.n, args.seed)
    print(f"{len(paths)} drafts in {args.out_dir}")


if __name__ == "__main__":
    main()

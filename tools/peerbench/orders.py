"""Writes the peers' N labels as shiplabel orders, one JSON object per line (JSON Lines).

usage: python3 orders.py PEERS_DIR N > orders.jsonl

Label i carries the data of the peers' label i (`labeldata.label(i)` in PEERS_DIR): the same
seller, recipient name, address lines, postcode and order number, so both tools print the
same 1,000 or 10,000 different labels. The peers' seller lines are split into our fields
(street lines, city, postcode, country); the peers' QR payload is what our default QR holds.
"""
import json
import sys

# Our fields for the peers' three sellers (labeldata.SELLERS), in the same order.
SELLERS = [
    {"lines": ["Unit 4, Riverside Works", "Canal Street"], "city": "Manchester",
     "postcode": "M1 3HE", "country": "GB"},
    {"lines": ["Havnegade 12"], "city": "København K", "postcode": "1058", "country": "DK"},
    {"lines": ["27 Market Place"], "city": "Hexham", "postcode": "NE46 3NX", "country": "GB"},
]


def order(labeldata, i):
    data = labeldata.label(i)
    seller = SELLERS[i % len(SELLERS)]
    assert data["seller_name"] == labeldata.SELLERS[i % len(SELLERS)][0]
    # The peers' lines end with the city; a locality may come before it.
    street, city = data["lines"][:-1], data["lines"][-1]
    return {
        "order": {"number": data["order"]},
        "recipient": {
            "name": data["name"],
            "address": {"lines": street, "city": city, "postcode": data["postcode"],
                        "country": "GB"},
        },
        "seller": {"name": data["seller_name"], "address": seller},
    }


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.path.insert(0, sys.argv[1])
    import labeldata

    out = sys.stdout
    out.reconfigure(encoding="utf-8")  # JSON Lines are UTF-8 whatever the locale
    for i in range(int(sys.argv[2])):
        out.write(json.dumps(order(labeldata, i), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()

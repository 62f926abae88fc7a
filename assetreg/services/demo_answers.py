"""The demo group's written answers to the sections of its youth centre transfer pack (invented, plain English).

Two sections are left unanswered on purpose, so the demo's checklist shows gaps: the site plan (the council's
estates team is drawing it) and the declarations (signed last).
"""

from __future__ import annotations

from .applications import save_pack_answer
from .register import Register

YOUTH_CENTRE_ANSWERS: dict[str, str] = {
    "organisation-and-status": """\
Ashcombe Community Pub Society Limited is a community benefit society registered with the Financial Conduct \
Authority (number RS009321). It was set up by residents in 2019 to keep Ashcombe's shared places open, and it is run \
by a volunteer committee elected by its members. It has 243 members, 201 of whom are on the electoral roll for the \
parish.

The Society nominated the Red Lion as an asset of community value, runs the village fete with the parish council, \
and has organised a monthly community breakfast in the church hall since 2022. Any surplus must be used for the \
benefit of the community; it cannot be shared out among members.""",
    "governing-document": """\
The Society's rules are the model rules for community benefit societies (2019), adopted at the founding meeting \
and registered with the FCA. Rule 3 allows the Society to hold, lease and manage land and buildings, and rule 5 \
says its assets are locked for community benefit.

A copy of the rules is attached. The committee has resolved to apply for a 25-year lease of the youth centre; \
the minute is attached with them.""",
    "governance-and-policies": """\
The committee has nine members, elected for three years at a time, with a third standing down each year. The \
chair, secretary and treasurer are officers; none is paid. Members declare any interest at the start of each \
meeting and leave the room for that item; the register of interests is kept by the secretary.

The Society has written policies on safeguarding children and adults at risk, equal opportunities, complaints, \
health and safety, data protection and reserves. They are reviewed every year. Two committee members are trained \
safeguarding leads, and everyone who works with young people will have an enhanced DBS check.""",
    "finance": """\
The Society has run at a small surplus every year since it began. Its last accounts show income of £14,320 and \
reserves of £9,850, with no loans. The business plan for 2026–2031 is attached, with five-year projections and a \
monthly cash flow for the first two years.

Running the centre will cost about £18,500 a year: insurance, energy, cleaning, repairs and a part-time \
bookings coordinator. Lettings to clubs and classes, the café and the youth club grant from the parish council \
cover this from the second year. In the first year the gap of about £4,000 is met from reserves and a \
£6,000–£8,000 grant we have applied for from the Kent Community Foundation.""",
    "proposal-and-outcomes": """\
We want to reopen the youth centre, which has stood empty since the council's youth service left in 2023. It will \
host a youth club three evenings a week, a homework club, a parent and toddler group, and lettings for \
Scouts, Guides, exercise classes and private parties. A small café will open on Saturday mornings.

Young people in Ashcombe will again have somewhere safe to go in the evenings without travelling to Sevenoaks. \
Families will have a place to meet, and local clubs will have an affordable hall. We will count visits and ask \
users every year what has changed for them.""",
    "need-and-support": """\
We asked every household in the parish in spring 2025. Of the 353 people who answered, 312 said they would use the \
centre every week; 41 said they would not. The results are attached.

The parish council, the primary school, the Scout group and the village GP surgery have written letters of support, \
which are attached. Forty-six people have offered to volunteer.""",
    "management-and-maintenance": """\
A buildings sub-group of three committee members, one of them a retired surveyor, will look after the centre. It \
will follow a planned maintenance schedule based on the council's condition survey and put £2,000 a year into a \
repairs fund.

Gas, electrical and fire safety checks will be done by qualified contractors at the required intervals and \
recorded in a log book kept at the centre. We will carry out a fire risk assessment before reopening and review it \
every year.""",
    "capacity": """\
The committee brings experience in accounting, building surveying, youth work, catering and running events. Our \
treasurer is a qualified accountant and our chair managed a community centre in Tonbridge for ten years.

We will employ a bookings coordinator for 12 hours a week. The youth club will be led by a qualified youth worker \
from the Kent Youth Trust, supported by trained volunteers. Every volunteer will have an induction and \
safeguarding training before they start.""",
    "insurance": """\
The Society will hold public liability cover of £5 million, employer's liability cover of £10 million and \
buildings cover for the full rebuilding cost set out in the lease. Trustee indemnity cover of £250,000 is \
already in place.

Quotes from our broker are attached; the policies will start on the day the lease begins.""",
    "partnerships": """\
The Kent Youth Trust will run the youth club under a service agreement. The primary school will use the hall for \
after-school clubs, and the parish council will fund the youth club for its first three years.

We are also talking to the library service about a book drop and to the Citizens Advice outreach team about a \
monthly drop-in session.""",
}


def answer_youth_centre_pack(register: Register, application_ref: str) -> None:
    """Writes the demo group's answers to its youth centre transfer application."""
    for section, answer in YOUTH_CENTRE_ANSWERS.items():
        save_pack_answer(register, application_ref, section, answer)

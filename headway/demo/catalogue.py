"""The demo portfolio: what oneSource's services deliver for Newham and Havering.

Titles and descriptions are invented for a shared back office; they are not taken from the
real reports, which do not list initiatives. The reference prefix names the owning service
(see ``organisation.SERVICES``).
"""

from __future__ import annotations

from dataclasses import dataclass

from headway.strategy.models import Initiative

Kind = Initiative.Kind
Status = Initiative.Status


@dataclass(frozen=True)
class InitiativeSpec:
    reference: str
    kind: Kind
    title: str
    description: str
    priorities: tuple[int, ...]
    partners: str  # "N" (Newham), "H" (Havering) or "NH" (both)
    start: str  # first month, "2021-04"
    end: str  # last month, "2022-03"
    status: Status = Status.IN_PROGRESS
    key: bool = False
    milestones: tuple[str, ...] = ()
    note: str = ""  # why an initiative is on hold or deprioritised

    @property
    def service_code(self) -> str:
        return self.reference.split("-")[0]


P, A, S, B = Kind.PROJECT, Kind.ACTIVITY, Kind.SERVICE_PLAN_ACTION, Kind.BAU

# fmt: off
CATALOGUE: tuple[InitiativeSpec, ...] = (
    # Finance
    InitiativeSpec(
        "FIN-001", P, "Implement a cloud finance system",
        "Replace the two councils' ageing finance ledgers with one cloud system, configured "
        "once and used by both.",
        (2, 3), "NH", "2020-10", "2022-12", key=True,
        milestones=("Supplier appointed", "Design complete", "User testing complete", "Go-live"),
    ),
    InitiativeSpec(
        "FIN-002", S, "Close the 2020-21 accounts to statutory deadlines",
        "Publish draft statements of accounts for both councils by the statutory deadline.",
        (2,), "NH", "2021-04", "2021-07", status=Status.COMPLETED,
    ),
    InitiativeSpec(
        "FIN-003", A, "Support both councils' medium-term financial strategies",
        "Model funding scenarios and savings options for each council's budget setting.",
        (5, 2), "NH", "2021-06", "2022-02",
    ),
    InitiativeSpec(
        "FIN-004", A, "Budget monitoring self-service for budget holders",
        "Give budget holders live reports so that monthly monitoring needs fewer returns.",
        (1, 3), "NH", "2021-07", "2022-06",
    ),
    InitiativeSpec(
        "FIN-005", B, "Treasury management and cash-flow forecasting",
        "Daily cash management and the treasury strategy for both councils.",
        (2,), "NH", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "FIN-006", S, "Faster closedown of the 2021-22 accounts",
        "Bring forward year-end closedown with earlier accruals and a shared timetable.",
        (2,), "NH", "2022-01", "2022-07",
    ),
    # HR and OD
    InitiativeSpec(
        "HR-001", P, "Hybrid working policy and toolkit",
        "Agree how one source staff work between home and office after the pandemic.",
        (4, 1), "NH", "2021-05", "2022-03", key=True,
    ),
    InitiativeSpec(
        "HR-002", A, "Staff wellbeing programme",
        "Mental health first aiders, wellbeing check-ins and support for staff.",
        (4,), "NH", "2020-09", "2022-03",
    ),
    InitiativeSpec(
        "HR-003", S, "Refresh the one source workforce strategy",
        "Plan the skills, roles and succession one source needs for the next three years.",
        (4,), "NH", "2021-07", "2022-03",
    ),
    InitiativeSpec(
        "HR-004", P, "Apprenticeship and graduate trainee scheme",
        "Recruit apprentices and graduate trainees across the back office.",
        (4, 5), "NH", "2021-09", "2023-03",
    ),
    InitiativeSpec(
        "HR-005", S, "Management development programme",
        "A programme for first-line and middle managers across one source.",
        (4,), "NH", "2022-04", "2023-03", status=Status.PLANNED,
    ),
    InitiativeSpec(
        "HR-006", B, "HR advisory service to Havering schools",
        "Casework, policy advice and training for schools that buy the service.",
        (1, 5), "H", "2020-04", "2023-03",
    ),
    # Legal and Governance
    InitiativeSpec(
        "LEG-001", P, "Case management system for legal services",
        "Move legal casework, time recording and billing to one case management system.",
        (3, 2), "NH", "2021-04", "2022-06", key=True,
    ),
    InitiativeSpec(
        "LEG-002", A, "Digital committee management and webcasting",
        "Publish agendas, minutes and webcasts of committee meetings online.",
        (3, 1), "N", "2021-01", "2021-11", status=Status.COMPLETED,
    ),
    InitiativeSpec(
        "LEG-003", S, "Review the contract procedure rules",
        "Update the constitution's contract procedure rules with Procurement.",
        (2,), "H", "2021-10", "2022-05",
    ),
    InitiativeSpec(
        "LEG-004", B, "Legal support for regeneration schemes",
        "Property, planning and contract advice for the council's regeneration programme.",
        (5,), "N", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "LEG-005", A, "Information governance and data protection training",
        "Mandatory training and a refreshed information asset register.",
        (4, 3), "NH", "2021-07", "2022-03",
    ),
    InitiativeSpec(
        "LEG-006", S, "Trade legal services with schools and academies",
        "Offer legal services to schools and academies on a traded basis.",
        (5, 2), "NH", "2022-04", "2023-03", status=Status.PLANNED,
    ),
    # ICT
    InitiativeSpec(
        "ICT-001", P, "Cloud migration of data centres",
        "Move the councils' servers from two ageing data centres to the cloud.",
        (3, 2), "NH", "2020-07", "2022-09", key=True,
        milestones=(
            "Migration plan agreed",
            "Havering data centre migrated",
            "Newham data centre migrated",
            "Data centres decommissioned",
        ),
    ),
    InitiativeSpec(
        "ICT-002", P, "Microsoft 365 roll-out to all staff",
        "Email, Teams and OneDrive for every member of staff in both councils.",
        (3, 4), "NH", "2020-04", "2021-09", status=Status.COMPLETED, key=True,
    ),
    InitiativeSpec(
        "ICT-003", P, "Replace the telephony and contact centre platform",
        "A cloud contact centre and telephony for Havering's customer services.",
        (3, 1), "H", "2021-06", "2022-12", key=True,
        milestones=("Supplier appointed", "Contact centre migrated", "Telephony migrated"),
    ),
    InitiativeSpec(
        "ICT-004", A, "Cyber security improvement plan",
        "Act on the findings of the cyber security assessment and meet the PSN standard.",
        (3,), "NH", "2021-04", "2022-03",
    ),
    InitiativeSpec(
        "ICT-005", S, "Laptop refresh for hybrid working",
        "Replace desktops with laptops so that staff can work anywhere.",
        (3, 4), "NH", "2021-04", "2022-06",
    ),
    InitiativeSpec(
        "ICT-006", B, "IT service desk",
        "First and second line support for both councils' staff and members.",
        (1,), "NH", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "ICT-007", A, "Data and insight platform",
        "One place for the councils' performance data, with self-service dashboards.",
        (3, 5), "NH", "2022-04", "2023-03", status=Status.PLANNED,
    ),
    InitiativeSpec(
        "ICT-008", A, "Remote working for all staff during the pandemic",
        "Equip and connect staff to work from home during the first lockdown.",
        (3, 4), "NH", "2020-03", "2020-07", status=Status.COMPLETED,
    ),
    # Procurement
    InitiativeSpec(
        "PRO-001", A, "Social value in procurement",
        "Ask for and track social value commitments in the councils' contracts.",
        (5, 2), "NH", "2021-04", "2022-03",
    ),
    InitiativeSpec(
        "PRO-002", P, "E-tendering and contract management system",
        "One system for tenders, contracts and supplier performance.",
        (3, 2), "NH", "2021-09", "2022-09",
    ),
    InitiativeSpec(
        "PRO-003", S, "Contracts register and pipeline for both councils",
        "A complete contracts register and a two-year procurement pipeline.",
        (2,), "NH", "2021-04", "2021-12", status=Status.COMPLETED,
    ),
    InitiativeSpec(
        "PRO-004", B, "Category management savings",
        "Savings from category reviews of the councils' third-party spend.",
        (2,), "NH", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "PRO-005", S, "Prepare for the new procurement regulations",
        "Update procedures, templates and training ahead of the new regulations.",
        (2,), "NH", "2022-06", "2023-03", status=Status.PLANNED,
    ),
    InitiativeSpec(
        "PRO-006", A, "Local supplier engagement events",
        "Help local businesses bid for council contracts.",
        (5, 1), "N", "2021-10", "2022-06",
    ),
    # Exchequer and Transactional Services
    InitiativeSpec(
        "EXT-001", P, "Debt recovery improvement programme",
        "Earlier, fairer recovery of council tax, business rates and sundry debt.",
        (2, 1), "NH", "2021-04", "2022-09", key=True,
        milestones=(
            "Debt baseline agreed",
            "Enforcement agent contract re-let",
            "New recovery workflows live",
        ),
    ),
    InitiativeSpec(
        "EXT-002", P, "Council tax and business rates online accounts",
        "Let Havering residents and businesses manage their accounts online.",
        (1, 3), "H", "2021-07", "2022-07",
    ),
    InitiativeSpec(
        "EXT-003", A, "Covid-19 business grants assurance",
        "Post-payment assurance and reconciliation of the pandemic business grants.",
        (2, 5), "NH", "2020-11", "2022-03",
    ),
    InitiativeSpec(
        "EXT-004", S, "Automate accounts payable invoice processing",
        "Scan and match supplier invoices automatically to pay suppliers on time.",
        (3, 2), "NH", "2021-10", "2022-09",
    ),
    InitiativeSpec(
        "EXT-005", B, "Housing benefit processing",
        "Process new claims and changes of circumstance within target times.",
        (1,), "H", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "EXT-006", S, "Reduce sundry debt over 90 days",
        "Halve the value of sundry debt more than 90 days old.",
        (2,), "N", "2021-04", "2022-03",
    ),
    # Asset Management
    InitiativeSpec(
        "AM-001", P, "Office accommodation rationalisation",
        "Consolidate office space to fit hybrid working and release surplus buildings.",
        (2, 4), "NH", "2021-04", "2022-12", status=Status.ON_HOLD,
        note="paused until both councils finish their hybrid working reviews",
    ),
    InitiativeSpec(
        "AM-002", A, "Corporate landlord model",
        "Bring property budgets and decisions together under one corporate landlord.",
        (2, 5), "H", "2021-09", "2022-09",
    ),
    InitiativeSpec(
        "AM-003", S, "Asset register data cleanse",
        "Check and correct the asset register ahead of the valuation programme.",
        (3, 2), "NH", "2021-04", "2021-10", status=Status.COMPLETED,
    ),
    InitiativeSpec(
        "AM-004", B, "Planned maintenance programme",
        "Planned maintenance of the councils' operational buildings.",
        (1, 2), "NH", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "AM-005", P, "Decarbonisation of corporate buildings",
        "Heat pumps, solar panels and insulation for the largest corporate buildings.",
        (5, 2), "NH", "2021-10", "2023-03", key=True,
    ),
    InitiativeSpec(
        "AM-006", S, "Commercial property income review",
        "Review rents and lease events across the commercial estate.",
        (2, 5), "H", "2022-04", "2022-12", status=Status.PLANNED,
    ),
    # Internal Audit
    InitiativeSpec(
        "IA-001", S, "Deliver the 2021-22 internal audit plans",
        "Complete the audit plans agreed by each council's audit committee.",
        (2,), "NH", "2021-04", "2022-03",
    ),
    InitiativeSpec(
        "IA-002", A, "Counter-fraud data matching",
        "Use data matching to find and stop fraud and error in payments.",
        (2, 3), "NH", "2021-06", "2022-06",
    ),
    InitiativeSpec(
        "IA-003", B, "Follow-up of audit recommendations",
        "Track that agreed audit recommendations are put in place.",
        (2,), "NH", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "IA-004", A, "Data analytics in audit testing",
        "Test whole populations of transactions instead of samples.",
        (3,), "NH", "2022-02", "2022-12", status=Status.PLANNED,
    ),
    InitiativeSpec(
        "IA-005", S, "External quality assessment of internal audit",
        "Prepare for and act on the five-yearly external quality assessment.",
        (4, 2), "NH", "2021-09", "2022-03",
    ),
    # Payroll and Pensions
    InitiativeSpec(
        "PAY-001", P, "Replace the payroll system",
        "A new payroll system for both councils and the schools that buy the service.",
        (3, 2), "NH", "2021-01", "2022-10", key=True,
        milestones=(
            "Supplier appointed",
            "Parallel payroll runs complete",
            "Go-live for Havering",
            "Go-live for Newham",
        ),
    ),
    InitiativeSpec(
        "PAY-002", A, "Improve pension fund member data",
        "Correct member records ahead of the pension fund valuation.",
        (3,), "H", "2021-04", "2022-03",
    ),
    InitiativeSpec(
        "PAY-003", B, "Monthly payroll for both councils and schools",
        "Pay staff accurately and on time every month.",
        (1,), "NH", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "PAY-004", S, "Employee self-service for payslips and expenses",
        "Online payslips, expense claims and personal details for all staff.",
        (3, 1), "NH", "2021-10", "2022-06",
    ),
    InitiativeSpec(
        "PAY-005", S, "Pension remedy for public service schemes",
        "Recalculate affected members' benefits under the scheme remedy.",
        (1,), "NH", "2022-04", "2023-03", status=Status.PLANNED,
    ),
    # Business Support
    InitiativeSpec(
        "BS-001", A, "Shared print and post hub",
        "One print and post room for both councils.",
        (2,), "NH", "2021-04", "2022-03", status=Status.DEPRIORITISED,
        note="demand for printing and post has fallen with hybrid working",
    ),
    InitiativeSpec(
        "BS-002", P, "Digital mailroom",
        "Scan incoming post and route it to services electronically.",
        (3, 2), "NH", "2021-07", "2022-06",
    ),
    InitiativeSpec(
        "BS-003", S, "Business support operating model review",
        "Align business support teams with the services they support.",
        (2, 4), "NH", "2021-10", "2022-04",
    ),
    InitiativeSpec(
        "BS-004", B, "Business support to council services",
        "Administration, minute-taking and diary support for council services.",
        (1,), "NH", "2020-04", "2023-03",
    ),
    InitiativeSpec(
        "BS-005", A, "Customer feedback and complaints handling",
        "Answer complaints on time and learn from what residents tell us.",
        (1,), "NH", "2021-06", "2022-03",
    ),
)
# fmt: on

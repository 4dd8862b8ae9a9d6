"""kpi/<YYYY-MM>/targets.yaml and actuals.yaml, 2025-12 .. 2026-11 (actuals to
2026-10). Team targets add up; only imported metrics get actuals."""
import datetime as dt

from common import rng, write
from team_customers_visits import DIRECTOR, HANDOVER, HEIRS, LEAVER, MANAGER, REPS

MONTHS = [(2025, 12)] + [(2026, m) for m in range(1, 12)]
SEASON = {12: 1.15, 1: 1.2, 2: 0.75, 3: 0.95, 4: 1.0, 5: 1.0, 6: 1.05,
          7: 0.95, 8: 0.95, 9: 1.1, 10: 1.05, 11: 1.1}
MISSING = ((2026, 7), "huang-li")      # her actuals never arrived: incomplete KPI data
CORRECTION = ((2026, 10), "zheng-kai", 0.93)  # sales re-imported after returns


def _k(x, unit=10000):
    return int(round(x / unit)) * unit


def generate(out, world):
    r = rng("kpi")
    base = {p: r.randrange(800, 1500, 50) * 1000 for p in REPS}
    margin = {p: r.uniform(0.15, 0.21) for p in REPS}
    skill = {p: r.uniform(0.9, 1.1) for p in REPS}
    managers = sorted({MANAGER[p] for p in REPS})
    for i, (y, m) in enumerate(MONTHS):
        first = dt.date(y, m, 1)
        reps = [p for p in REPS if p != LEAVER or first <= HANDOVER]
        tg, ac = {}, {}
        for p in reps:
            f = SEASON[m] * (1 + 0.01 * i) * (0.5 if p == LEAVER and m == 6 else 1)
            f *= 1.1 if p in HEIRS and first > HANDOVER else 1
            sales = _k(base[p] * f)
            tg[p] = {"sales": sales, "profit": _k(sales * margin[p], 1000), "collection_rate": 90,
                     "new_customers": 1, "complaint_rate": 3, "visit_compliance": 95,
                     "visit_timeliness": 95}
            s = _k(sales * skill[p] * min(1.45, max(0.6, r.gauss(1, 0.1))), 100)
            ac[p] = {"sales": s, "profit": _k(s * margin[p] * r.gauss(1, 0.05), 100),
                     "collection_rate": round(min(100, max(78, r.gauss(93, 3.5))), 1)}
        for boss, team in [(mg, [p for p in reps if MANAGER[p] == mg]) for mg in managers] + \
                          [(DIRECTOR, managers)]:
            tg[boss] = {"sales": sum(tg[p]["sales"] for p in team),
                        "profit": sum(tg[p]["profit"] for p in team), "collection_rate": 90,
                        "new_customers": sum(tg[p]["new_customers"] for p in team),
                        "complaint_rate": 3, "visit_compliance": 95, "visit_timeliness": 95}
            s = sum(ac[p]["sales"] for p in team)
            ac[boss] = {"sales": s, "profit": sum(ac[p]["profit"] for p in team),
                        "collection_rate": round(sum(ac[p]["sales"] * ac[p]["collection_rate"]
                                                     for p in team) / s, 1)}
        order = [DIRECTOR] + managers + reps
        period = f"{y}-{m:02d}"
        write(out / "kpi" / period / "targets.yaml",
              {"entries": [{"member": p, **tg[p]} for p in order]}, log="entries",
              comment=f"{period} 月度目标：销售额、毛利单位为元，比率为百分数")
        if (y, m) >= (2026, 11):
            continue
        entries = [{"member": p, **ac[p]} for p in order if ((y, m), p) != MISSING]
        if (y, m) == CORRECTION[0]:
            p = CORRECTION[1]
            entries.append({"member": p, "sales": _k(ac[p]["sales"] * CORRECTION[2], 100)})
        write(out / "kpi" / period / "actuals.yaml", {"entries": entries}, log="entries",
              comment=f"{period} 实际值（ERP 导入）：只含导入指标，计算指标由 kamgr 计算")

"""complaints/<YYYY>/<id>.yaml: ~60 complaints with scripted SLA scenarios
(breaches, holiday-spanning deadlines, reopenings, low CSAT, still open)."""
import datetime as dt

from calendars import deadline, is_workday, workday_after
from common import END, NOW, START, at, new_id, rng, write
from team_customers_visits import DIRECTOR, MANAGER, state

H = dt.timedelta(hours=1)
CATEGORIES = {"product": 30, "delivery": 25, "service": 20, "after_sales": 15, "other": 10}
SUMMARIES = {
    "product": ["到货包装破损", "批次产品厚度不达标", "部分货品受潮", "标签信息印刷错误", "产品有明显异味"],
    "delivery": ["到货延迟两天", "送货数量与订单不符", "错发规格", "节前订单未按期送达", "送货车辆未按预约时段到达"],
    "service": ["业务员响应不及时", "客服电话长时间无人接听", "报价单多次出错", "对账单与发票金额不一致"],
    "after_sales": ["退货处理周期过长", "换货后仍有质量问题", "返利未按时结算", "设备安装后无人回访"],
    "other": ["发票开具延误", "宣传资料与实际产品不符", "合同盖章流程拖延"],
}
ANSWERS = {
    "product": ["补发合格产品并致歉", "更换批次并出具第三方检测报告", "全额退款并调整质检流程"],
    "delivery": ["补送差额并调整配送线路", "承担延误损失并增加备货", "与物流商约定预约送货时段"],
    "service": ["更换对接业务员并致歉", "增设专属客服热线", "重新核对并出具正确单据"],
    "after_sales": ["三日内完成退货入账", "安排工程师上门处理", "本月内完成返利结算"],
    "other": ["加急开具发票并快递", "更新宣传资料并书面说明", "协调法务当周完成盖章"],
}
CONTACT_NOTES = ["电话联系采购经理了解情况", "上门查看现场", "告知处理流程与时限", None, None]
REOPEN = ["补发货品仍有破损", "客户认为补偿方案不足", "同类问题再次出现", "整改报告未按承诺提交"]
M, G = "major", "general"
SCENARIOS = [  # explicit cases; the rest are random "normal" complaints
    # holiday calendar matters: met only when holidays and make-up days are counted
    {"recv": at(dt.date(2026, 9, 30), 10, 20), "level": G, "answer": at(dt.date(2026, 10, 9), 15)},
    {"recv": at(dt.date(2026, 4, 29), 11), "level": G, "answer": at(dt.date(2026, 5, 7), 17, 30)},
    {"recv": at(dt.date(2026, 2, 12), 9, 40), "level": M, "answer": at(dt.date(2026, 2, 27), 16)},
    # breached only because the make-up Saturday 2026-02-28 counts as a working day
    {"recv": at(dt.date(2026, 2, 27), 14, 5), "level": G, "answer": at(dt.date(2026, 3, 4), 10, 30)},
    {"contact_h": 30}, {"contact_h": 41, "level": M}, {"contact_h": 27},
    {"answer_late": 2}, {"answer_late": 1}, {"answer_late": 3, "level": M},
    {"csat": 3}, {"csat": 2}, {"csat": 3, "level": M}, {"csat": 1},
    {"csat": 2, "callback": "none"}, {"csat": 3, "callback": "none"}, {"csat": 2, "callback": "late"},
    {"reopen": True}, {"reopen": True, "level": M}, {"reopen": True}, {"reopen": "late"},
    # still open near "today"
    {"recv": at(dt.date(2026, 11, 22), 20, 10), "stop": "received"},
    {"recv": at(dt.date(2026, 11, 20), 15, 30), "stop": "contacted"},
    {"recv": at(dt.date(2026, 11, 6), 10), "level": M, "stop": "contacted"},
    {"recv": at(dt.date(2026, 11, 18), 9, 15), "stop": "answered"},
    {"recv": at(dt.date(2026, 11, 19), 11), "csat": 2, "callback": "none",
     "answer": at(dt.date(2026, 11, 21), 10), "close": at(dt.date(2026, 11, 22), 18, 30)},
]
TOTAL = 60


def _instant(r, lo, hi):
    return lo + dt.timedelta(minutes=r.randint(0, int((hi - lo).total_seconds() // 60)))


def _daytime(r, t):
    """Move a night-time instant to the next morning."""
    if t.hour < 8:
        return at(t.date(), 8, r.randint(0, 60))
    if t.hour >= 20:
        return at(t.date(), 24 + 9, r.randint(0, 59))
    return t


def _answer_time(r, recv, contact, n):
    """A time on a working day within the answer deadline, after the contact."""
    due = deadline(recv, n)
    cands = [d for d in (recv.date() + dt.timedelta(k) for k in range((due.date() - recv.date()).days + 1))
             if is_workday(d)]
    d = r.choices(cands, weights=range(len(cands) + 1, 1, -1))[0]
    t = at(d, r.randint(9, 17), r.choice([0, 15, 30, 45]))
    return t if t > contact + H else _daytime(r, contact + H * r.uniform(1.5, 5))


def _events(r, s, owner, level):
    rep, mgr = owner, MANAGER[owner]
    boss, n = (DIRECTOR, 7) if level == M else (mgr, 3)
    cat = s["category"]
    ev = []

    def add(t, **kw):
        ev.append({"type": kw.pop("type"), "at": t.replace(second=0, microsecond=0), **kw})

    if s.get("stop") == "received":
        return ev
    contact = _daytime(r, s["recv"] + H * s.get("contact_h", r.uniform(0.5, 6)))
    add(contact, type="contacted", by=rep if r.random() < 0.7 else mgr, note=r.choice(CONTACT_NOTES))
    if s.get("stop") == "contacted":
        return ev
    if "answer" in s:
        ans = s["answer"]
    elif s.get("answer_late"):
        d = workday_after(s["recv"].date(), n + s["answer_late"])
        ans = at(d, r.randint(9, 17))
    else:
        ans = _answer_time(r, s["recv"], contact, n)
    add(ans, type="answered", by=boss, note=r.choice(ANSWERS[cat]))
    if s.get("stop") == "answered":
        return ev
    close = s.get("close") or _daytime(r, ans + H * r.uniform(3, 60))
    csat = s.get("csat") or r.choices([5, 4, 3], weights=[50, 40, 10])[0]
    add(close, type="closed", by=rep, csat=csat)
    last = close
    if csat <= 3 and s.get("callback") != "none":
        if s.get("callback") == "late":
            last = close + H * r.uniform(30, 40)
        elif close.hour < 17:
            last = close + H * r.uniform(1, 4)
        else:
            last = at(close.date(), 24 + r.randint(9, 10), r.randint(0, 59))
        add(last, type="callback", by=rep, note="回访客户，确认整改后效果")
    if s.get("reopen"):
        reo = _daytime(r, last + H * r.uniform(2, 48))
        add(reo, type="reopened", by=rep, reason=r.choice(REOPEN))
        if s["reopen"] == "late":
            ans2 = at(workday_after(reo.date(), n + 2), r.randint(9, 17))
        else:
            ans2 = _answer_time(r, reo, reo, n)
        add(ans2, type="answered", by=boss, note=r.choice(ANSWERS[cat]))
        add(_daytime(r, ans2 + H * r.uniform(4, 48)), type="closed", by=rep, csat=r.choice([4, 4, 5]))
    return [e for e in ev if e["at"] <= NOW]   # nothing after "now"


def build(custs):
    r = rng("complaints")
    scen = [dict(s) for s in SCENARIOS] + [{"random": True} for _ in range(TOTAL - len(SCENARIOS))]
    out, taken = [], set()
    for s in scen:
        if "recv" not in s:
            while True:
                d = START + dt.timedelta(r.randint(2, (END - START).days - 10))
                if is_workday(d) or r.random() < 0.15:
                    break
            s["recv"] = at(d, r.randint(8, 19), r.choice([0, 10, 20, 30, 40, 50]))
        s.setdefault("level", M if s.get("random") and r.random() < 0.2 else G)
        s["category"] = r.choices(list(CATEGORIES), weights=CATEGORIES.values())[0]
        if s.get("random") and r.random() < 0.1:
            s["csat"] = r.choice([2, 3])   # an occasional natural low score (call-back on time)
        cands = [c for c in custs if (st := state(c, s["recv"].date())) and st["status"] == "active"]
        c = r.choices(cands, weights=[{"key": 4, "secondary": 2, "general": 1}[state(x, s["recv"].date())["tier"]]
                                      for x in cands])[0]
        owner = state(c, s["recv"].date())["owner"]
        out.append({"id": None, "customer": c["id"], "rep": owner, "level": s["level"],
                    "category": s["category"], "summary": r.choice(SUMMARIES[s["category"]]),
                    "received_at": s["recv"], "events": _events(r, s, owner, s["level"])})
    out.sort(key=lambda x: x["received_at"])
    for x in out:
        x["id"] = new_id(r, x["received_at"].date(), taken)
    return out


def generate(out, world):
    items = build(world["customers"])
    for x in items:
        write(out / "complaints" / f"{x['received_at']:%Y}" / f"{x['id']}.yaml", x, log="events")
    world["complaints"] = items

#!/usr/bin/env python3
"""Seeded generator of benchmark data directories in kamgr's contract format.

    python3 bench/gen_data.py S DIR            # a team: 10 reps, 300 customers, 3 years
    python3 bench/gen_data.py L DIR            # a company: 500 reps, 20,000 customers, 5 years
    python3 bench/gen_data.py --last-year SRC DST   # SRC cut to its last year
    python3 bench/gen_data.py smoke DIR        # a tiny size for CI

Options: --seed TEXT (default "kamgr-bench"), --jobs N (processes, default 2),
--git (make DIR a git repository with everything committed).

The same size and seed always produce the same files, byte for byte, whatever
--jobs is: every customer draws from its own random stream. The last year is the
calendar year of the data's end (2026). `--last-year` keeps kamgr.yaml, calendar/,
team/ and customers/ and only the last year's visits, complaints and kpi folders
(hard links, so it costs no space).

Stdlib only. Writes are plain open/write; nothing here is imported by kamgr.
"""
import argparse
import datetime as dt
import math
import os
import random
import shutil
import subprocess
import sys
import time
from multiprocessing import Pool

B32 = "0123456789abcdefghjkmnpqrstvwxyz"
END = dt.date(2026, 12, 31)
ONE_DAY = dt.timedelta(days=1)

SIZES = {
    #          reps customers years  visits     complaints
    "smoke": (4, 40, 2, 2_000, 40),
    "S": (10, 300, 3, 30_000, 300),
    "L": (500, 20_000, 5, 1_000_000, 50_000),
}
# Relative visit rates per tier (a key customer is visited most); the generator
# scales them so that the total comes out at the size's visit count.
TIER_MIX = [("key", 0.08, 4.0), ("secondary", 0.22, 2.0), ("general", 0.70, 1.0)]

SURNAMES = [("wang", "王"), ("li", "李"), ("zhang", "张"), ("liu", "刘"), ("chen", "陈"),
            ("yang", "杨"), ("huang", "黄"), ("zhao", "赵"), ("wu", "吴"), ("zhou", "周"),
            ("xu", "徐"), ("sun", "孙"), ("ma", "马"), ("zhu", "朱"), ("hu", "胡"),
            ("guo", "郭"), ("he", "何"), ("lin", "林"), ("gao", "高"), ("luo", "罗")]
GIVEN = [("wei", "伟"), ("fang", "芳"), ("na", "娜"), ("min", "敏"), ("jing", "静"),
         ("lei", "磊"), ("qiang", "强"), ("yang", "洋"), ("jie", "杰"), ("tao", "涛"),
         ("ming", "明"), ("chao", "超"), ("hui", "慧"), ("yan", "燕"), ("kai", "凯"),
         ("hao", "浩"), ("lin", "琳"), ("xin", "欣"), ("peng", "鹏"), ("jun", "军")]
CITIES = [("shanghai", "上海"), ("suzhou", "苏州"), ("hangzhou", "杭州"), ("nanjing", "南京"),
          ("ningbo", "宁波"), ("wuxi", "无锡"), ("hefei", "合肥"), ("changzhou", "常州"),
          ("shaoxing", "绍兴"), ("jiaxing", "嘉兴"), ("nantong", "南通"), ("taizhou", "台州")]
BRANDS = [("huarun", "华润"), ("yonghui", "永辉"), ("lianhua", "联华"), ("ankang", "安康"),
          ("hengda", "恒达"), ("xinda", "信达"), ("jinlong", "金龙"), ("tianhe", "天合"),
          ("dongfang", "东方"), ("huaxia", "华夏"), ("minsheng", "民生"), ("jiahe", "嘉禾"),
          ("ruifeng", "瑞丰"), ("baosheng", "宝盛"), ("kangda", "康达"), ("yuanda", "远大")]
INDUSTRIES = [("零售", "连锁超市与便利店，门店约{n}家"), ("食品饮料", "休闲食品及饮料生产，年产量约{n}万吨"),
              ("医药", "药品批发与零售，覆盖{n}家医院"), ("制造", "精密零部件制造，产线{n}条"),
              ("物流", "仓储与城配，仓库面积约{n}万平方米"), ("酒店", "连锁酒店，客房约{n}间")]
DECISIONS = ["采购总监拍板，财务复核", "老板直接拍板，采购经理负责日常下单与对账",
             "集团招标，区域采购执行", "采购委员会季度评审"]
COMPETITORS = ["绿叶清洁", "美洁环保", "洁诺", "恒洁", "立白商用", "蓝月亮商用"]
TITLES = ["采购总监", "采购经理", "总经理", "行政经理", "仓储物流主管", "财务经理"]
PURPOSES = ["季度业务回顾", "新品推介", "合同续签洽谈", "交付问题沟通", "年度框架谈判",
            "客情维护", "投诉回访", "样品试用跟进", "价格调整沟通", "高层拜访"]
OUTCOMES = ["同意试用新方案", "确认下季度订单", "要求补充报价", "暂无变化", "同意扩大采购范围"]
FEEDBACK = ["对交付周期有顾虑", "希望价格再优惠", "对服务满意", "关注售后响应速度", "担心库存积压"]
ACTIONS = ["发送报价单", "安排样品", "提交合同草稿", "协调物流", "回复技术问题"]
CATEGORIES = ["product", "service", "delivery", "after_sales", "other"]
SUMMARIES = ["到货包装破损", "配送延迟两天", "发票信息错误", "产品批次质量不稳定",
             "售后响应慢", "宣传资料与实际产品不符", "客服态度差", "少发货"]
NOTES = ["告知处理流程与时限", "补发并致歉", "协调仓库重新发货", "已更换批次", "退款处理完毕"]


# ----------------------------------------------------------------------------- helpers

def rid(r, day, n=10):
    """A generated record ID: YYYYMMDD- plus n base-32 characters."""
    return day.strftime("%Y%m%d-") + "".join(r.choices(B32, k=n))


def q(s):
    """A YAML double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(root, rel, text):
    with open(os.path.join(root, rel), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def months(first, last):
    """(year, month) from the month of `first` to the month of `last`."""
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def month_bounds(y, m):
    first = dt.date(y, m, 1)
    nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
    return first, nxt - ONE_DAY


def poisson(r, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(r.gauss(lam, math.sqrt(lam)) + 0.5))
    limit, k, p = math.exp(-lam), 0, r.random()
    while p > limit:
        k += 1
        p *= r.random()
    return k


def instant(day, minutes):
    """`day` at 00:00 + minutes, +08:00, ISO 8601 (minutes may run into later days)."""
    t = dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:00+08:00")


class Plan:
    """Everything the per-customer workers need, derived from size and seed only."""

    def __init__(self, size, seed):
        self.size, self.seed = size, seed
        reps, customers, years, visits, complaints = SIZES[size]
        self.start = dt.date(END.year - years + 1, 1, 1)
        self.n_reps, self.n_customers = reps, customers
        self.n_visits, self.n_complaints = visits, complaints
        self.team = make_team(reps, random.Random(f"{seed}/{size}/team"))
        self.reps = [m for m in self.team if m["role"] == "rep"]

    def rng(self, *parts):
        return random.Random("/".join([self.seed, self.size] + [str(p) for p in parts]))


# ----------------------------------------------------------------------------- team

def make_team(n_reps, r):
    """Directors, managers (one per ten reps), reps and one HR, with unique IDs."""
    taken, team = set(), []

    def person(role, manager):
        while True:
            (sp, sc), (gp, gc) = r.choice(SURNAMES), r.choice(GIVEN)
            base = f"{sp}-{gp}"
            i = base if base not in taken else f"{base}-{len(taken) + 1}"
            if i not in taken:
                break
        taken.add(i)
        team.append({"id": i, "name": sc + gc, "role": role, "manager": manager})
        return i

    n_managers = max(1, n_reps // 10)
    directors = [person("director", None) for _ in range(max(1, n_managers // 10))]
    managers = [person("manager", directors[k % len(directors)]) for k in range(n_managers)]
    for k in range(n_reps):
        person("rep", managers[k % n_managers])
    person("hr", None)
    return team


def team_file(m):
    out = f"id: {m['id']}\nname: {m['name']}\nrole: {m['role']}\n"
    if m["manager"]:
        out += f"manager: {m['manager']}\n"
    return out + f"email: {m['id']}@example.com\nactive: true\n"


# ----------------------------------------------------------------------------- customers

def make_customer(plan, k):
    """Customer k: its profile text and its history [(date, tier, owner, status)]."""
    r = plan.rng("customer", k)
    (bp, bc), (cp, cc) = BRANDS[k % len(BRANDS)], CITIES[(k // len(BRANDS)) % len(CITIES)]
    cid = f"{bp}-{cp}-{k:05d}"
    industry, scope = r.choice(INDUSTRIES)
    span = (END - plan.start).days
    first = plan.start if r.random() < 0.7 else plan.start + ONE_DAY * r.randrange(span - 60)
    tier = r.choices([t for t, _, _ in TIER_MIX], [w for _, w, _ in TIER_MIX])[0]
    owner_rep = plan.reps[k % len(plan.reps)]
    team_reps = [m["id"] for m in plan.reps if m["manager"] == owner_rep["manager"]]
    history = [(first, tier, owner_rep["id"], None)]
    day = first
    while True:
        day += ONE_DAY * r.randrange(120, 900)
        if day >= END:
            break
        roll = r.random()
        if roll < 0.45:
            history.append((day, None, r.choice(team_reps), None))
        elif roll < 0.9:
            history.append((day, r.choice(["key", "secondary", "general"]), None, None))
        else:
            history.append((day, None, None, "lost"))
            break
    since = first if r.random() < 0.3 else first - ONE_DAY * r.randrange(30, 3000)
    contacts = "".join(
        f"  - {{name: {sc}{gc}, title: {r.choice(TITLES)}, phone: \"1{r.randrange(3, 9)}"
        f"{r.randrange(10**8, 10**9)}\", email: {gp}.{sp}@{cid}.example.com}}\n"
        for (sp, sc), (gp, gc) in [(r.choice(SURNAMES), r.choice(GIVEN))
                                   for _ in range(r.randint(1, 3))])
    text = (f"id: {cid}\nname: {cc}{bc}{industry}有限公司\nindustry: {industry}\n"
            f"scale: 年采购额约{r.randrange(1, 90) * 1000}万元\n"
            f"business_scope: {scope.format(n=r.randrange(10, 900))}\n"
            f"decision_process: {r.choice(DECISIONS)}\n"
            f"competitors: [{', '.join(r.sample(COMPETITORS, 2))}]\n"
            f"contacts:\n{contacts}since: {since.isoformat()}\nhistory:\n")
    for day, t, o, s in history:
        parts = [f"date: {day.isoformat()}"]
        parts += [f"tier: {t}"] if t else []
        parts += [f"owner: {o}"] if o else []
        parts += [f"status: {s}"] if s else []
        text += "  - {" + ", ".join(parts) + "}\n"
    return cid, text, history


def state_on(history, day):
    """(tier, owner, active) on `day`, or None before the first entry."""
    tier = owner = None
    active = True
    for d, t, o, s in history:
        if d > day:
            break
        tier, owner = t or tier, o or owner
        active = s != "lost" if s else active
    return (tier, owner, active) if tier else None


def active_months(plan, history):
    """[(year, month, tier, owner)] of the months the customer is managed and active."""
    out = []
    for y, m in months(plan.start, END):
        first, last = month_bounds(y, m)
        st = state_on(history, last)
        if st and st[2] and history[0][0] <= last:
            out.append((y, m, st[0], st[1]))
    return out


# ----------------------------------------------------------------------------- visits

def visit_text(r, vid, cid, rep, day):
    start = r.randrange(9 * 60, 16 * 60, 15)
    end = start + r.choice([30, 45, 60, 90, 120])
    out = (f"id: {vid}\ncustomer: {cid}\nrep: {rep}\ndate: {day.isoformat()}\n"
           f"start: \"{start // 60:02d}:{start % 60:02d}\"\nend: \"{end // 60:02d}:{end % 60:02d}\"\n"
           f"purpose: {r.choice(PURPOSES)}\n")
    if r.random() < 0.6:
        out += f"outcome: {r.choice(OUTCOMES)}\n"
    if r.random() < 0.4:
        out += f"feedback: {r.choice(FEEDBACK)}\n"
    if r.random() < 0.3:
        due = day + ONE_DAY * r.randint(1, 10)
        out += f"next_steps:\n  - {{action: {r.choice(ACTIONS)}, due: {due.isoformat()}}}\n"
    late = r.random()
    delay = (end + r.randrange(60, 300) if late < 0.85 else
             24 * 60 + r.randrange(8 * 60, 20 * 60) if late < 0.95 else
             r.randint(2, 4) * 24 * 60 + r.randrange(9 * 60, 18 * 60))
    return out + f"recorded_at: {instant(day, delay)}\n"


def weekdays(y, m):
    first, last = month_bounds(y, m)
    return [first + ONE_DAY * i for i in range((last - first).days + 1)
            if (first + ONE_DAY * i).weekday() < 5]


# ----------------------------------------------------------------------------- complaints

def complaint_text(r, cid, cust, rep, manager, received):
    """One complaint received at datetime `received`, handled (mostly) within the SLA."""
    level = "major" if r.random() < 0.15 else "general"
    out = (f"id: {cid}\ncustomer: {cust}\nrep: {rep}\nlevel: {level}\n"
           f"category: {r.choice(CATEGORIES)}\nsummary: {r.choice(SUMMARIES)}\n"
           f"received_at: {received.strftime('%Y-%m-%dT%H:%M:00+08:00')}\nevents:\n")
    t, cutoff = received, dt.datetime(END.year, END.month, END.day, 18)

    def event(minutes, body):
        nonlocal out, t
        t = t + dt.timedelta(minutes=minutes)
        if t > cutoff:
            return False
        out += f"  - {{type: {body[0]}, at: {t.strftime('%Y-%m-%dT%H:%M:00+08:00')}{body[1]}}}\n"
        return True

    if not event(r.randrange(30, 30 * 60 if r.random() < 0.9 else 50 * 60),
                 ("contacted", f", by: {rep}, note: {r.choice(NOTES)}")):
        return out
    for cycle in range(2):
        if not event(r.randrange(60, 3 * 24 * 60 if r.random() < 0.85 else 9 * 24 * 60),
                     ("answered", f", by: {manager}, note: {r.choice(NOTES)}")):
            return out
        csat = r.choices([1, 2, 3, 4, 5], [3, 5, 12, 40, 40])[0]
        if not event(r.randrange(60, 2 * 24 * 60), ("closed", f", by: {rep}, csat: {csat}")):
            return out
        if csat <= 3 and r.random() < 0.85:
            if not event(r.randrange(30, 30 * 60), ("callback", f", by: {rep}")):
                return out
        if cycle == 1 or r.random() > 0.05:
            break
        if not event(r.randrange(60, 3 * 24 * 60), ("reopened", ", reason: 问题仍未解决")):
            return out
    return out


# ----------------------------------------------------------------------------- workers

_JOB = {}


def init_worker(plan, root, visit_rate, complaint_rate):
    _JOB.update(plan=plan, root=root, visit_rate=visit_rate, complaint_rate=complaint_rate)


def customer_worker(k):
    """Writes customer k, its visits and its complaints; returns counts."""
    plan, root = _JOB["plan"], _JOB["root"]
    visit_rate, complaint_rate = _JOB["visit_rate"], _JOB["complaint_rate"]
    cid, text, history = make_customer(plan, k)
    write(root, f"customers/{cid}.yaml", text)
    r = plan.rng("activity", k)
    managers = {m["id"]: m["manager"] for m in plan.reps}
    weight = {t: w for t, _, w in TIER_MIX}
    n_visits = n_complaints = 0
    for y, m, tier, owner in active_months(plan, history):
        days = weekdays(y, m)
        first_managed = history[0][0]
        days = [d for d in days if d >= first_managed and state_on(history, d)[2]]
        if not days:
            continue
        for _ in range(poisson(r, visit_rate * weight[tier])):
            day = r.choice(days)
            rep = state_on(history, day)[1]
            vid = rid(r, day)
            write(root, f"visits/{y:04d}/{m:02d}/{vid}.yaml", visit_text(r, vid, cid, rep, day))
            n_visits += 1
        for _ in range(poisson(r, complaint_rate)):
            day = r.choice(days)
            rep = state_on(history, day)[1]
            received = dt.datetime(day.year, day.month, day.day) + dt.timedelta(
                minutes=r.randrange(8 * 60, 19 * 60))
            xid = rid(r, day)
            write(root, f"complaints/{y:04d}/{xid}.yaml",
                  complaint_text(r, xid, cid, rep, managers[rep], received))
            n_complaints += 1
    return n_visits, n_complaints, history


def rates(plan):
    """Visits per tier-weight-month and complaints per customer-month that hit the
    size's totals in expectation (from the customers' histories alone)."""
    weighted = months_total = 0.0
    weight = {t: w for t, _, w in TIER_MIX}
    for k in range(plan.n_customers):
        _, _, history = make_customer(plan, k)
        for _, _, tier, _ in active_months(plan, history):
            weighted += weight[tier]
            months_total += 1
    return plan.n_visits / weighted, plan.n_complaints / months_total


# ----------------------------------------------------------------------------- kpi, calendar

def write_kpi(plan, root):
    """kpi/<YYYY-MM>/targets.yaml and actuals.yaml for every month, every rep and manager."""
    members = [m for m in plan.team if m["role"] in ("rep", "manager")]
    for y, m in months(plan.start, END):
        r = plan.rng("kpi", y, m)
        folder = f"kpi/{y:04d}-{m:02d}"
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        targets, actuals = [f"# {y:04d}-{m:02d} targets\nentries:\n"], [f"# {y:04d}-{m:02d} actuals\nentries:\n"]
        for p in members:
            scale = 10 if p["role"] == "manager" else 1
            sales = r.randrange(80, 200) * 10000 * scale
            targets.append(f"  - {{member: {p['id']}, sales: {sales}, collection_rate: 90, "
                           f"new_customers: {scale}, visit_compliance: 95, complaint_rate: 3, "
                           f"visit_timeliness: 95}}\n")
            actuals.append(f"  - {{member: {p['id']}, sales: {int(sales * r.uniform(0.6, 1.3))}, "
                           f"collection_rate: {r.randrange(70, 101)}}}\n")
        write(root, f"{folder}/targets.yaml", "".join(targets))
        write(root, f"{folder}/actuals.yaml", "".join(actuals))


def write_calendars(plan, root):
    """Weekends plus a fixed set of national holidays; the 2025/2026 make-up days."""
    makeup = {2025: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
              2026: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                     "2026-10-10"]}
    for y in range(plan.start.year, END.year + 1):
        days = [f"{y}-01-01"] + [f"{y}-05-0{d}" for d in range(1, 4)] + \
               [f"{y}-10-0{d}" for d in range(1, 8)]
        write(root, f"calendar/{y}.yaml",
              f"holidays: [{', '.join(days)}]\nworkdays: [{', '.join(makeup.get(y, []))}]\n")


# ----------------------------------------------------------------------------- main

def generate(size, root, seed, jobs):
    plan = Plan(size, seed)
    if os.path.exists(root) and os.listdir(root):
        sys.exit(f"gen_data: {root} exists and is not empty")
    t0 = time.time()
    for d in ["team", "customers", "calendar", "kpi"]:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for y, m in months(plan.start, END):
        os.makedirs(os.path.join(root, f"visits/{y:04d}/{m:02d}"), exist_ok=True)
        os.makedirs(os.path.join(root, f"complaints/{y:04d}"), exist_ok=True)
    write(root, "kamgr.yaml", f"# benchmark data, size {size}, seed {seed}\norg: 基准测试\n"
                              "timezone: \"+08:00\"\n")
    write(root, ".gitignore", ".kamgr/\n")
    for m in plan.team:
        write(root, f"team/{m['id']}.yaml", team_file(m))
    write_calendars(plan, root)
    write_kpi(plan, root)
    visit_rate, complaint_rate = rates(plan)
    n_visits = n_complaints = 0
    with Pool(jobs, init_worker, (plan, root, visit_rate, complaint_rate)) as pool:
        for v, c, _ in pool.imap_unordered(customer_worker, range(plan.n_customers), chunksize=64):
            n_visits += v
            n_complaints += c
    print(f"gen_data: {size} -> {root}: {len(plan.team)} members, {plan.n_customers} customers, "
          f"{n_visits} visits, {n_complaints} complaints, {plan.start}..{END} "
          f"({time.time() - t0:.0f} s)", file=sys.stderr)


def cut_last_year(src, dst):
    """DST = SRC with only the last year's visits, complaints and kpi (hard links)."""
    if os.path.exists(dst) and os.listdir(dst):
        sys.exit(f"gen_data: {dst} exists and is not empty")
    year = str(END.year)
    keep_top = ["kamgr.yaml", ".gitignore", "team", "customers", "calendar"]

    def link_tree(rel):
        s, d = os.path.join(src, rel), os.path.join(dst, rel)
        if os.path.isdir(s):
            shutil.copytree(s, d, copy_function=os.link, dirs_exist_ok=True)
        elif os.path.exists(s):
            os.makedirs(os.path.dirname(d), exist_ok=True)
            os.link(s, d)

    os.makedirs(dst, exist_ok=True)
    for rel in keep_top:
        link_tree(rel)
    for folder in ["visits", "complaints"]:
        link_tree(f"{folder}/{year}")
    for name in sorted(os.listdir(os.path.join(src, "kpi"))):
        if name.startswith(year):
            link_tree(f"kpi/{name}")


def commit(root):
    """git init + one commit of everything (fast-import would be faster; add is fine)."""
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com",
               GIT_AUTHOR_DATE="2027-01-01T00:00:00+08:00",
               GIT_COMMITTER_DATE="2027-01-01T00:00:00+08:00")
    run = lambda *a: subprocess.run(["git", "-C", root, *a], check=True, env=env,
                                    stdout=subprocess.DEVNULL)
    run("init", "-q")
    run("add", "-A")
    run("commit", "-q", "-m", "benchmark data")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("size", nargs="?", choices=sorted(SIZES))
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--last-year", nargs=2, metavar=("SRC", "DST"))
    ap.add_argument("--seed", default="kamgr-bench")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--git", action="store_true")
    a = ap.parse_args()
    if a.last_year:
        cut_last_year(*a.last_year)
        target = a.last_year[1]
    elif a.size and a.dir:
        generate(a.size, a.dir, a.seed, a.jobs)
        target = a.dir
    else:
        ap.error("give SIZE DIR or --last-year SRC DST")
    if a.git:
        commit(target)


if __name__ == "__main__":
    main()

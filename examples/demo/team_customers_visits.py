"""team/, customers/ and visits/: the people, ~120 customers with their history
(tier and owner changes, losses, new customers) and a year of visits."""
import datetime as dt

from calendars import is_workday
from common import END, START, WEEK_ANCHOR, NOW, at, days, month_range, new_id, rng, write

D = dt.date
TEAM = [  # id, name, role, manager
    ("chen-jianguo", "陈建国", "director", None),
    ("liu-yang", "刘洋", "manager", "chen-jianguo"),
    ("zhou-min", "周敏", "manager", "chen-jianguo"),
    ("zhang-wei", "张伟", "rep", "liu-yang"),
    ("wang-fang", "王芳", "rep", "liu-yang"),
    ("li-na", "李娜", "rep", "liu-yang"),
    ("zhao-lei", "赵磊", "rep", "liu-yang"),
    ("sun-hao", "孙浩", "rep", "zhou-min"),
    ("wu-jing", "吴静", "rep", "zhou-min"),
    ("zheng-kai", "郑凯", "rep", "zhou-min"),
    ("huang-li", "黄丽", "rep", "zhou-min"),
    ("xu-qing", "徐晴", "hr", None),
]
MANAGER = {i: m for i, _, _, m in TEAM}
NAME = {i: n for i, n, _, _ in TEAM}
DIRECTOR = "chen-jianguo"
REPS = [i for i, _, role, _ in TEAM if role == "rep"]
LEAVER, HANDOVER, LEFT = "zhao-lei", D(2026, 6, 15), D(2026, 6, 30)
HEIRS = ["zhang-wei", "wang-fang", "li-na"]  # get the leaver's customers on HANDOVER


def reps_on(d):
    return [r for r in REPS if r != LEAVER or d < HANDOVER]


# ------------------------------------------------------------------ pools
CITIES = [("上海", "shanghai"), ("苏州", "suzhou"), ("杭州", "hangzhou"), ("南京", "nanjing"),
          ("宁波", "ningbo"), ("无锡", "wuxi"), ("常州", "changzhou"), ("合肥", "hefei"),
          ("嘉兴", "jiaxing"), ("绍兴", "shaoxing"), ("温州", "wenzhou"), ("南通", "nantong"),
          ("扬州", "yangzhou"), ("台州", "taizhou"), ("金华", "jinhua"), ("湖州", "huzhou")]
BRANDS = ("恒信 hengxin 鼎盛 dingsheng 康泰 kangtai 瑞丰 ruifeng 永安 yongan 金桥 jinqiao "
          "宏达 hongda 华宇 huayu 立德 lide 嘉禾 jiahe 润泽 runze 远帆 yuanfan 博源 boyuan "
          "天禾 tianhe 盛元 shengyuan 安康 ankang 众诚 zhongcheng 新程 xincheng 海川 haichuan "
          "恒远 hengyuan 德润 derun 佳诚 jiacheng 祥和 xianghe 诚泰 chengtai 长青 changqing "
          "凯旋 kaixuan 明达 mingda 和信 hexin 正源 zhengyuan 金禾 jinhe 益康 yikang 信达 xinda "
          "宝丰 baofeng 华通 huatong 鑫源 xinyuan 昌盛 changsheng 福润 furun 泰和 taihe "
          "东升 dongsheng 永盛 yongsheng 富源 fuyuan 瑞康 ruikang 嘉信 jiaxin 华晟 huasheng "
          "联创 lianchuang 中恒 zhongheng 金鼎 jinding 天润 tianrun 春晖 chunhui 江海 jianghai "
          "惠民 huimin 鸿运 hongyun 百川 baichuan 启明 qiming 恒润 hengrun 万嘉 wanjia "
          "久益 jiuyi 辰星 chenxing 瀚海 hanhai 清源 qingyuan 瑞禾 ruihe 丰泽 fengze").split()
BRANDS = list(zip(BRANDS[0::2], BRANDS[1::2]))
INDUSTRIES = {  # industry: (name suffixes, business scope template with {n})
    "零售": (["超市连锁有限公司", "商业集团有限公司", "便利店连锁有限公司"],
             "生鲜、日用百货及家电零售，华东地区门店{n}家"),
    "医药": (["医药连锁有限公司", "大药房连锁有限公司", "医药股份有限公司"],
             "处方药、OTC及医疗器械的批发与零售，门店{n}家"),
    "制造": (["机械制造有限公司", "汽车零部件有限公司", "电子科技有限公司"],
             "零部件加工与总成装配，生产线{n}条，产品出口欧美"),
    "食品饮料": (["食品有限公司", "饮料有限公司", "乳业有限公司"],
                 "休闲食品及饮料生产，年产量约{n}万吨，覆盖商超与电商渠道"),
    "物流": (["物流有限公司", "供应链管理有限公司"], "仓储、城配及冷链运输，自有仓库{n}座"),
    "餐饮酒店": (["餐饮管理有限公司", "酒店管理有限公司"], "连锁餐饮及中端酒店经营，门店{n}家"),
    "家居建材": (["家居有限公司", "建材有限公司"], "家居建材零售与工程配套，卖场{n}个"),
}
TIER_INDUSTRIES = {"key": ["零售"] * 4 + ["医药"] * 3 + ["制造"] * 3 + ["食品饮料"] * 2,
                   "secondary": list(INDUSTRIES), "general": list(INDUSTRIES)}
DECISIONS = ["采购部初选供应商，品类经理评估后报总经理审批；每年{m}月年度招标",
             "总部采购中心集中招标，区域公司执行；单笔超50万元需总裁办审批",
             "使用部门提需求，采购部询价比价三家，财务总监终审",
             "采购、质量、使用部门联合评审，新供应商须通过审厂；合同每{m}月续签",
             "老板直接拍板，采购经理负责日常下单与对账"]
COMPETITORS = ["立达包装", "美洁环保", "中联耗材", "恒丰纸业", "绿叶清洁", "华泰包材", "宏图供应链"]
SURNAMES = ("王 wang 李 li 张 zhang 刘 liu 陈 chen 杨 yang 黄 huang 吴 wu 周 zhou 徐 xu 孙 sun "
            "马 ma 朱 zhu 胡 hu 郭 guo 何 he 高 gao 林 lin 罗 luo 梁 liang 谢 xie 宋 song 唐 tang "
            "韩 han 冯 feng 邓 deng 曹 cao 彭 peng 曾 zeng 田 tian 董 dong 潘 pan 蒋 jiang 蔡 cai "
            "叶 ye 程 cheng 魏 wei 沈 shen").split()
GIVEN = ("敏 min 静 jing 强 qiang 军 jun 勇 yong 艳 yan 杰 jie 娟 juan 涛 tao 明 ming 超 chao "
         "霞 xia 平 ping 刚 gang 辉 hui 鹏 peng 建华 jianhua 晓东 xiaodong 海燕 haiyan "
         "志强 zhiqiang 文博 wenbo 思远 siyuan 雪梅 xuemei 国庆 guoqing 婷 ting 宇 yu 欣怡 xinyi "
         "浩然 haoran 丹 dan 斌 bin 琳 lin").split()
TITLES = ["采购总监", "采购经理", "品类经理", "总经理", "财务经理", "仓储物流主管", "质量经理", "行政经理"]
THEMES = [  # purpose, outcomes, feedback, next-step actions
    ("季度业务回顾", ["回顾本季度销量与毛利，确认下季度目标", "确认季度返利结算方式"],
     ["对交付周期有顾虑", "希望提供更细的品类分析数据"], ["发送季度业务报告", "整理返利对账单"]),
    ("新品推介", ["客户同意试用新款环保包装", "安排样品进店测试"],
     ["关注新品价格是否有竞争力", "对可降解材料的耐用性有疑问"], ["寄送样品", "提供检测报告"]),
    ("合同续签洽谈", ["初步同意续签一年，价格待定", "账期条款仍有分歧"],
     ["希望账期延长至60天", "要求提高年度返点"], ["提交续签方案", "法务审阅合同条款"]),
    ("价格调整沟通", ["客户接受原材料上涨带来的3%调价", "调价推迟至下月执行"],
     ["认为调价幅度偏高", "希望分阶段调价"], ["发送调价函", "内部申请价格保护"]),
    ("回款进度沟通", ["确认逾期款项月底前支付", "财务同意按月对账"],
     ["付款审批流程较长", "对发票开具时间有要求"], ["发送对账单", "跟进付款进度"]),
    ("投诉处理跟进", ["客户认可整改措施", "补发货物已签收"],
     ["希望加强到货前检查", "对处理速度表示满意"], ["提交整改报告", "安排质量回访"]),
    ("门店巡检与陈列", ["检查重点门店陈列与库存", "调整补货频次"],
     ["部分门店缺货", "促销物料不足"], ["补充促销物料", "调整安全库存"]),
    ("高层拜访", ["双方高层确认战略合作方向", "达成年度框架合作意向"],
     ["希望我方提供专属服务团队", "关注供应稳定性"], ["起草战略合作备忘录", "安排工厂参观"]),
    ("招标前技术交流", ["介绍产品技术参数与认证", "了解招标时间表与评分规则"],
     ["关注环保认证", "竞品报价更低"], ["准备投标资料", "提交技术方案"]),
    ("订单预测对接", ["共同制定下月订单预测", "确认节前备货计划"],
     ["旺季到货时效要求高", "希望建立VMI库存"], ["提交备货计划", "协调仓储排期"]),
]


# ------------------------------------------------------------------ customers
def state(c, d):
    """Tier, owner and status on date d (None before the first history entry)."""
    s = None
    for e in c["history"]:
        if e["date"] > d:
            break
        s = {**(s or {"status": "active"}), **{k: v for k, v in e.items() if k != "date"}}
    return s


def first_date(c):
    return c["history"][0]["date"]


def lost_date(c):
    return next((e["date"] for e in c["history"] if e.get("status") == "lost"), None)


def _contacts(r, n, cid):
    out = []
    for _ in range(n):
        sn, sp = r.choice(list(zip(SURNAMES[0::2], SURNAMES[1::2])))
        gn, gp = r.choice(list(zip(GIVEN[0::2], GIVEN[1::2])))
        p = {"name": sn + gn, "title": r.choice(TITLES),
             "phone": "1" + r.choice("3589") + "".join(r.choice("0123456789") for _ in range(9))}
        if r.random() < 0.8:
            p["email"] = f"{gp}.{sp}@{cid}.example.com"
        out.append(p)
    return out


def build_customers():
    r = rng("customers")
    # (tier, first date or None for long-standing, owner or None) for 120 slots
    new = [(D(2025, 11, 18), "general", "zhang-wei"), (D(2025, 12, 9), "general", "sun-hao"),
           (D(2026, 1, 12), "general", "wu-jing"), (D(2026, 2, 26), "general", "li-na"),
           (D(2026, 3, 18), "general", LEAVER), (D(2026, 4, 9), "secondary", "zheng-kai"),
           (D(2026, 5, 21), "general", "wang-fang"), (D(2026, 6, 23), "general", "huang-li"),
           (D(2026, 7, 14), "general", "zhang-wei"), (D(2026, 8, 6), "secondary", "sun-hao"),
           (D(2026, 9, 17), "general", "wu-jing"), (D(2026, 10, 20), "general", "li-na")]
    old = ["key"] * 20 + ["secondary"] * 38 + ["general"] * 50
    brands = BRANDS[:]
    r.shuffle(brands)
    custs, ids = [], set()
    for i, tier in enumerate(old + [t for _, t, _ in new]):
        (bn, bp) = brands[i % len(brands)]
        while True:
            cn, cp = r.choice(CITIES)
            if f"{bp}-{cp}" not in ids:
                break
        cid = f"{bp}-{cp}"
        ids.add(cid)
        ind = r.choice(TIER_INDUSTRIES[tier])
        suffixes, scope = INDUSTRIES[ind]
        c = {"id": cid, "name": cn + bn + r.choice(suffixes), "industry": ind}
        c["scale"] = {"key": f"年采购额约{r.choice([1.2, 1.5, 2, 2.5, 3, 4, 5])}亿元",
                      "secondary": f"年采购额约{r.randrange(3000, 9000, 500)}万元",
                      "general": f"年采购额约{r.randrange(300, 2500, 100)}万元"}[tier]
        c["business_scope"] = scope.format(n=r.randint(3, 40) * (5 if ind in ("零售", "医药") else 1))
        c["decision_process"] = r.choice(DECISIONS).format(m=r.choice([3, 6, 11, 12]))
        c["competitors"] = r.sample(COMPETITORS, {"key": 3, "secondary": 2, "general": 1}[tier])
        c["contacts"] = _contacts(r, {"key": 4, "secondary": 3, "general": 2}[tier] - r.randint(0, 1), cid)
        miss = {"key": 0.1, "secondary": 0.25, "general": 0.45}[tier] + (0.3 if i >= len(old) else 0)
        if r.random() < miss:  # incomplete profile: drop 1-3 required fields
            for k in r.sample(["industry", "business_scope", "decision_process", "competitors", "contacts"],
                              r.randint(1, 3)):
                del c[k]
        if i < len(old):
            since = D(2015, 1, 1) + dt.timedelta(r.randint(0, (D(2025, 9, 30) - D(2015, 1, 1)).days))
            c["since"], c["history"] = since, [{"date": max(since, D(2024, 1, 1)), "tier": tier, "owner": None}]
        else:
            d, _, owner = new[i - len(old)]
            c["since"], c["history"] = d, [{"date": d, "tier": tier, "owner": owner}]
        custs.append(c)
    # long-standing customers: deal each tier round-robin over the reps
    for tier in ("key", "secondary", "general"):
        group = [c for c in custs[:len(old)] if c["history"][0]["tier"] == tier]
        r.shuffle(group)
        off = r.randrange(len(REPS))
        for k, c in enumerate(group):
            c["history"][0]["owner"] = REPS[(k + off) % len(REPS)]
    _changes(r, custs[:len(old)], custs[len(old):])
    for c in custs:
        c["history"].sort(key=lambda e: e["date"])
    return custs


def _changes(r, old, new):
    """Tier changes, owner changes, the leaver's hand-over and lost customers."""
    used = set()

    def pick(tier, n, exclude=()):
        pool = [c for c in old if c["id"] not in used and c["history"][0]["tier"] == tier
                and c["history"][0]["owner"] not in exclude]
        out = r.sample(pool, n)
        used.update(c["id"] for c in out)
        return out

    for c, d in zip(pick("key", 2, [LEAVER]), [D(2026, 1, 1), D(2026, 5, 1)]):
        c["history"].append({"date": d, "tier": "secondary"})
    for c, d in zip(pick("secondary", 2, [LEAVER]), [D(2026, 3, 1), D(2026, 7, 16)]):
        c["history"].append({"date": d, "tier": "key"})
    for c, d in zip(pick("general", 3, [LEAVER]), [D(2026, 2, 1), D(2026, 6, 10), D(2026, 9, 1)]):
        c["history"].append({"date": d, "tier": "secondary"})
    for c in pick("secondary", 1, [LEAVER]):
        c["history"].append({"date": D(2026, 4, 1), "tier": "general"})
    new[2]["history"].append({"date": D(2026, 8, 1), "tier": "secondary"})
    # cross-team moves (region re-split), one of them mid-month
    pool = [c for c in old if c["history"][0]["owner"] == "zhang-wei" and c["id"] not in used]
    c = r.choice(pool)
    used.add(c["id"])
    c["history"].append({"date": D(2026, 3, 1), "owner": "zheng-kai"})
    pool = [c for c in old if c["history"][0]["owner"] == "sun-hao" and c["id"] not in used]
    for c in r.sample(pool, 2):
        used.add(c["id"])
        c["history"].append({"date": D(2026, 9, 16), "owner": "wu-jing"})
    # the leaver's customers are handed over before the leaving date
    for k, c in enumerate(c for c in old + new if c["history"][0]["owner"] == LEAVER):
        c["history"].append({"date": HANDOVER, "owner": HEIRS[k % len(HEIRS)]})
    # lost customers
    lost = [c for c in old if c["id"] not in used and c["history"][0]["owner"] != LEAVER
            and c["history"][0]["tier"] != "key"]
    for c, d in zip(r.sample(lost, 5), [D(2026, 1, 20), D(2026, 3, 31), D(2026, 5, 12),
                                          D(2026, 8, 3), D(2026, 10, 15)]):
        used.add(c["id"])
        c["history"].append({"date": d, "status": "lost"})
    return used


# ------------------------------------------------------------------ visits
def windows(tier, lo, hi):
    """The frequency windows of a tier that overlap [lo, hi]."""
    out = []
    if tier == "general":
        y, m = lo.year, lo.month
        while dt.date(y, m, 1) <= hi:
            out.append(month_range(y, m))
            y, m = y + m // 12, m % 12 + 1
        return out
    step = 7 if tier == "key" else 14
    ws = WEEK_ANCHOR + dt.timedelta((lo - WEEK_ANCHOR).days // step * step)
    while ws <= hi:
        out.append((ws, ws + dt.timedelta(step - 1)))
        ws += dt.timedelta(step)
    return out


def build_visits(custs):
    r = rng("visits")
    eligible = [c for c in custs if first_date(c) < START and len(c["history"]) == 1]
    under = {c["id"] for t in ("key", "secondary", "general")
             for c in r.sample([c for c in eligible if c["history"][0]["tier"] == t], 2)}
    late_rate = {"sun-hao": 0.2, "zheng-kai": 0.1, "liu-yang": 0.12, "zhou-min": 0.12}
    extra = {"key": 0.15, "secondary": 0.10, "general": 0.10}
    visits = []
    for c in custs:
        first, lost = max(first_date(c), START), lost_date(c)
        last = min(END, lost - dt.timedelta(1)) if lost else END
        for tier in ("key", "secondary", "general"):
            for ws, we in windows(tier, first, last):
                s = state(c, min(we, END))
                if not s or s["status"] != "active" or s["tier"] != tier:
                    continue
                p = 0.5 if c["id"] in under else 0.955
                if r.random() >= (p * 0.5 if we > END else p):
                    continue
                span = days(max(ws, first), min(we, last))
                work = [d for d in span if is_workday(d)] or (span if r.random() < 0.5 else [])
                for _ in range(1 + (r.random() < extra[tier]) if work else 0):
                    visits.append(_visit(r, c, r.choice(work), late_rate))
    visits.sort(key=lambda v: (v["date"], v["start"], v["customer"]))
    taken = set()
    for v in visits:
        v["id"] = new_id(r, v["date"], taken)
    return visits, sorted(under)


def _visit(r, c, d, late_rate):
    owner = state(c, d)["owner"]
    rep = MANAGER[owner] if r.random() < 0.04 else owner
    purpose, outcomes, feedback, actions = r.choice(THEMES)
    h, m = r.randint(9, 16), r.choice([0, 30])
    dur = r.choice([45, 60, 60, 90, 90, 120, 150])
    start, end = at(d, h, m), at(d, h, m + dur)
    if r.random() < late_rate.get(rep, 0.04):
        rec = end + dt.timedelta(minutes=r.randint(25 * 60, 96 * 60))
        rec = rec if 8 <= rec.hour < 22 else at(rec.date() + dt.timedelta(days=rec.hour >= 22), 8, 40)
    elif r.random() < 0.7:
        rec = end + dt.timedelta(minutes=r.randint(15, 300))
    else:  # next morning
        rec = min(at(d, 24 + 7, r.randint(30, 150)), end + dt.timedelta(hours=23))
    steps = [{"action": a, "due": d + dt.timedelta(r.randint(1, 14))}
             for a in r.sample(actions, r.choice([0, 1, 1, 2]))]
    return {"id": None, "customer": c["id"], "rep": rep, "date": d,
            "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"), "purpose": purpose,
            "outcome": r.choice(outcomes),
            "feedback": r.choice(feedback) if r.random() < 0.8 else None,
            "next_steps": sorted(steps, key=lambda s: s["due"]) or None,
            "recorded_at": min(rec, NOW)}


# ------------------------------------------------------------------ output
def generate(out, world):
    for i, name, role, mgr in TEAM:
        write(out / "team" / f"{i}.yaml",
              {"id": i, "name": name, "role": role, "manager": mgr,
               "email": f"{i.replace('-', '.')}@ka.example.com", "active": i != LEAVER},
              comment=f"{LEFT} 离职；客户已于 {HANDOVER} 移交" if i == LEAVER else None)
    custs = build_customers()
    for c in custs:
        write(out / "customers" / f"{c['id']}.yaml", c, log="history")
    visits, under = build_visits(custs)
    for v in visits:
        d = v["date"]
        write(out / "visits" / f"{d:%Y}" / f"{d:%m}" / f"{v['id']}.yaml", v)
    world.update(customers=custs, visits=visits, under_visited=under)

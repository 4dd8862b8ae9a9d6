"""China's public holidays and make-up working days (domain.md section 4), the
working-day arithmetic the other modules need, and calendar/<YYYY>.yaml."""
import datetime as dt

from common import days, write

NOTICE = {2025: "国办发明电〔2024〕12号", 2026: "国务院办公厅 2025-11-04 通知"}
OFF = {  # all days off, as (first, last) ranges
    2025: [("01-01", "01-01"), ("01-28", "02-04"), ("04-04", "04-06"),
           ("05-01", "05-05"), ("05-31", "06-02"), ("10-01", "10-08")],
    2026: [("01-01", "01-03"), ("02-15", "02-23"), ("04-04", "04-06"), ("05-01", "05-05"),
           ("06-19", "06-21"), ("09-25", "09-27"), ("10-01", "10-07")],
}
MAKEUP = {2025: ["01-26", "02-08", "04-27", "09-28", "10-11"],
          2026: ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"]}


def _d(y, md):
    return dt.date.fromisoformat(f"{y}-{md}")


HOLIDAYS = {y: [d for a, b in r for d in days(_d(y, a), _d(y, b))] for y, r in OFF.items()}
WORKDAYS = {y: [_d(y, md) for md in l] for y, l in MAKEUP.items()}
_OFF = {d for l in HOLIDAYS.values() for d in l}
_ON = {d for l in WORKDAYS.values() for d in l}


def is_workday(d):
    return d in _ON or (d not in _OFF and d.weekday() < 5)


def workday_after(d, n):
    """The n-th working day after date d (d itself does not count)."""
    while n > 0:
        d += dt.timedelta(1)
        n -= is_workday(d)
    return d


def deadline(t, n):
    """'Within n working days' of instant t: 23:59:59 of the n-th working day after."""
    d = workday_after(t.date(), n)
    return t.replace(year=d.year, month=d.month, day=d.day, hour=23, minute=59, second=59)


def generate(out, world):
    for y in sorted(OFF):
        write(out / "calendar" / f"{y}.yaml",
              {"holidays": HOLIDAYS[y], "workdays": WORKDAYS[y]},
              comment=f"{y} 年法定节假日（全部放假日）与调休上班日，依据：{NOTICE[y]}")

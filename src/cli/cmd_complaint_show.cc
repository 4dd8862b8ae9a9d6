// kamgr complaint show ID: the record, its events, and every SLA deadline with the time
// left or the time over.
#include <fmt/format.h>

#include "common.h"
#include "complaint_common.h"

namespace kamgr::cli {

namespace {

struct ShowOptions {
  std::string id;
};

/// One judged part with its timing as of now: `left` (pending: seconds to the due
/// time), `over` (breached and not done: seconds past it), `late`/`early` (done).
Value part_value(const std::string& name, const SlaPart& p, Instant now, TzOffset zone) {
  Value v = Value::object();
  v.set("part", name);
  v.set("start", Value::plain(p.start.str(zone)));
  v.set("due", Value::plain(p.due.str(zone)));
  v.set("at", p.at ? Value::plain(p.at->str(zone)) : Value());
  v.set("status", sla_status_name(p.status));
  std::string text;
  Value left, over;
  if (p.at) {
    const int64_t margin = p.due - *p.at;
    text = margin >= 0 ? fmt::format("done {} before the deadline", human_span(margin))
                       : fmt::format("done {} late", human_span(-margin));
  } else if (p.status == SlaStatus::pending) {
    left = static_cast<long long>(p.due - now);
    text = human_span(p.due - now) + " left";
  } else {
    over = static_cast<long long>(now - p.due);
    text = human_span(now - p.due) + " over";
  }
  v.set("left_seconds", left);
  v.set("over_seconds", over);
  v.set("time", text);
  return v;
}

Value event_value(const ComplaintEvent& e, TzOffset zone) {
  Value v = Value::object();
  v.set("type", e.type);
  v.set("at", Value::plain(e.at.str(zone)));
  v.set("by", e.by.empty() ? Value() : Value(e.by));
  v.set("csat", e.csat);
  v.set("reason", e.reason.empty() ? Value() : Value(e.reason));
  v.set("note", e.note.empty() ? Value() : Value(e.note));
  return v;
}

Value show_doc(const Complaint& c, const ComplaintSla& sla, const Config& config, Instant now) {
  const TzOffset zone = config.timezone;
  Value doc = Value::object();
  doc.set("id", c.id);
  doc.set("customer", c.customer);
  doc.set("rep", c.rep);
  doc.set("level", c.level);
  const ComplaintLevel* level = config.level(c.level);
  doc.set("owner_role", level && !level->owner.empty() ? Value(level->owner) : Value());
  doc.set("category", c.category);
  doc.set("summary", c.summary);
  doc.set("received_at", Value::plain(c.received_at.str(zone)));
  const auto closed = closed_at(c, now);
  doc.set("status", closed ? "closed" : "open");
  doc.set("csat", closing_csat(c, now));
  Value events = Value::array();
  for (const ComplaintEvent& e : c.events)
    if (e.at <= now) events.push(event_value(e, zone));
  doc.set("events", events);
  Value parts = Value::array();
  if (sla.contact) parts.push(part_value("contact", *sla.contact, now, zone));
  for (size_t i = 0; i < sla.answers.size(); ++i)
    parts.push(
        part_value(i == 0 ? "answer" : fmt::format("answer {}", i + 1), sla.answers[i], now, zone));
  for (const SlaPart& cb : sla.callbacks) parts.push(part_value("callback", cb, now, zone));
  doc.set("sla", parts);
  return doc;
}

/// The table view: the facts as FIELD VALUE lines, then the events, then the SLA parts.
Report show_lines(const Value& doc) {
  FieldLines lines;
  lines.add_fields(doc, {"events", "sla"}, /*skip_null=*/true);
  for (const Value& e : doc.find("events")->items()) {
    std::string text = e.find("at")->as_text();
    for (const char* k : {"by", "csat", "reason", "note"})
      if (!e.find(k)->is_null()) text += fmt::format(" {}={}", k, e.find(k)->to_cell());
    lines.add(e.find("type")->as_text(), text);
  }
  for (const Value& p : doc.find("sla")->items())
    lines.add(p.find("part")->as_text() + " sla",
              fmt::format("{}: due {} ({})", p.find("status")->as_text(),
                          p.find("due")->as_text(), p.find("time")->as_text()));
  return lines.view();
}

int run_show(Context& ctx, const ShowOptions& o) {
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const WorkCalendar calendar = working_calendar(ctx, repo, diag);
  const Complaint c = find_complaint(ctx, repo, o.id);
  const Config& config = ctx.config();
  const Instant now = ctx.now();
  Report r;
  r.doc = show_doc(c, evaluate_sla(c, config, calendar, now), config, now);
  r.set_table_view(show_lines(r.doc));
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_complaint_show(CLI::App& complaint, Context& ctx, Outcome& outcome) {
  auto o = std::make_shared<ShowOptions>();
  CLI::App* cmd =
      add_command(complaint, "show", "Show a complaint, its events and its SLA deadlines",
                  "kamgr complaint show 20261122-7qm2xd");
  cmd->add_option("id", o->id, "complaint ID (or a unique part of it)")->required();
  on_run(cmd, outcome, [&ctx, o] { return run_show(ctx, *o); });
}

}  // namespace kamgr::cli

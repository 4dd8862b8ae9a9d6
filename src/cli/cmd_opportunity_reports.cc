// kamgr opportunity pipeline | funnel | forecast (docs/pipeline.md "Figures").
#include <fmt/format.h>

#include "common.h"
#include "pipeline_lookup.h"
#include "kamgr/reports/pipeline_figures.h"
#include "kamgr/store/pipeline_store.h"

namespace kamgr::cli {

namespace {

struct PipelineOptions {
  std::string date, by;
};

struct PeriodReportOptions {
  PeriodArgs period;
  std::string by;
};

/// What every figure reads, loaded once; errors in any record stop the command.
struct LoadedPipeline {
  Diagnostics diag;
  Repository repo;
  Team team;
  WorkCalendar calendar;
  std::vector<Opportunity> opportunities;
  std::vector<Order> orders;
  LinkedVisits linked;  ///< loaded by load_linked_visits_for (the pipeline's staleness)

  explicit LoadedPipeline(Context& ctx)
      : repo(ctx.data(), diag),
        team(repo.load_team()),
        calendar(working_calendar(ctx, repo, diag)),
        opportunities(load_opportunities(repo)),
        orders(load_orders(repo)) {
    diag.throw_if_errors();
    ctx.print_warnings(diag);
  }
  /// Loads the linked visits the staleness on `date` reads.
  void load_linked_visits_for(Context& ctx, Date date) {
    linked = load_linked_visits(repo, opportunities, date, ctx.now());
    diag.throw_if_errors();
  }
  PipelineInputs inputs(Context& ctx) const {
    return {opportunities, orders, team, ctx.config(), calendar, ctx.now(), linked};
  }
};

/// The JSON key of a group: `stage`, `rep`, or `manager` for a team.
const char* group_key(GroupBy by) {
  return by == GroupBy::team ? "manager" : group_by_name(by);
}

/// The table header of a group column.
const char* group_header(GroupBy by) {
  return by == GroupBy::team ? "MANAGER" : by == GroupBy::stage ? "STAGE" : "REP";
}

Value tally_value(const PipelineTally& t) {
  Value v = Value::object();
  v.set("count", t.count);
  v.set("amount", rounded_amount(t.amount));
  v.set("weighted", rounded_amount(t.weighted));
  v.set("stale", t.stale);
  return v;
}

Value open_item_value(const PipelineItem& item, const Config& config) {
  const Opportunity& o = *item.opportunity;
  const OpportunityState& s = item.state;
  Value v = Value::object();
  v.set("id", o.id);
  v.set("customer", o.customer);
  v.set("owner", s.owner);
  v.set("stage", s.stage);
  v.set("amount", rounded_amount(s.amount));
  v.set("weighted", rounded_amount(item.weighted));
  v.set("expected_close", s.expected_close ? Value(s.expected_close->str()) : Value());
  v.set("last_event_at", s.last_event_at ? Value(s.last_event_at->str(config.timezone)) : Value());
  v.set("stale", item.stale);
  return v;
}

int run_pipeline(Context& ctx, const PipelineOptions& o) {
  const GroupBy by = parse_group_by(o.by, {GroupBy::stage, GroupBy::rep, GroupBy::team},
                                    GroupBy::stage);
  const Date date = o.date.empty() ? ctx.today() : parse_date_option(o.date, "--date");
  track_source(ctx);
  LoadedPipeline loaded(ctx);
  loaded.load_linked_visits_for(ctx, date);
  const Config& config = ctx.config();
  const PipelineResult result = compute_pipeline(loaded.inputs(ctx), date, by);
  Value groups = Value::array();
  for (const auto& [key, tally] : result.groups) {
    Value row = Value::object();
    row.set(group_key(by), key);
    for (const char* field : {"count", "amount", "weighted", "stale"})
      row.set(field, *tally_value(tally).find(field));
    groups.push(row);
  }
  Value open = Value::array();
  std::vector<std::string> stale;
  for (const PipelineItem& item : result.open) {
    open.push(open_item_value(item, config));
    if (item.stale)
      stale.push_back(fmt::format("stale: {} ({}, {}, last event {})", item.opportunity->id,
                                  item.state.owner, item.state.stage,
                                  item.state.last_event_at->local_date(config.timezone).str()));
  }
  Report r;
  r.doc.set("date", Value::plain(date.str()));
  r.doc.set(by == GroupBy::stage ? "stages" : "rows", groups);
  r.doc.set("open", open);
  r.doc.set("total", tally_value(result.total));
  r.rows_key = by == GroupBy::stage ? "stages" : "rows";
  r.columns = {{group_key(by), group_header(by)},
               {"count", "COUNT", true},
               {"amount", "AMOUNT", true},
               {"weighted", "WEIGHTED", true},
               {"stale", "STALE", true}};
  r.notes.push_back(fmt::format("{} open on {}: amount {:.2f}, weighted {:.2f}, {} stale",
                                result.total.count, date.str(), rounded_amount(result.total.amount),
                                rounded_amount(result.total.weighted), result.total.stale));
  r.notes.insert(r.notes.end(), stale.begin(), stale.end());
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return 0;
}

/// The funnel keys of one tally (the top level of the JSON, and each `--by` row).
void set_funnel_fields(Value& v, const FunnelTally& t, const Config& config) {
  v.set("opened", t.opened);
  Value stages = Value::array();
  for (size_t rank = 0; rank < config.pipeline.stages.size() && rank < 5; ++rank) {
    Value s = Value::object();
    s.set("stage", config.pipeline.stages[rank].stage);
    s.set("reached", t.reached[rank]);
    s.set("conversion", t.conversion(static_cast<int>(rank)));
    stages.push(s);
  }
  v.set("stages", stages);
  v.set("won", t.won);
  v.set("lost", t.lost);
  v.set("win_rate", t.win_rate());
  v.set("negotiation_win_rate", t.negotiation_win_rate());
  Value reasons = Value::array();
  for (const std::string& reason : config.pipeline.lost_reasons) {
    const auto it = t.lost_reasons.find(reason);
    if (it == t.lost_reasons.end()) continue;
    Value row = Value::object();
    row.set("reason", reason);
    row.set("count", it->second.first);
    row.set("amount", rounded_amount(it->second.second));
    reasons.push(row);
  }
  v.set("lost_reasons", reasons);
  v.set("avg_won_amount", t.avg_won_amount());
  v.set("avg_cycle_days", t.avg_cycle_days());
  v.set("velocity", t.velocity());
}

/// `12.5` or `-` for a missing figure.
std::string figure(std::optional<double> v) {
  return v ? fmt::format("{:.2f}", *v) : std::string("-");
}

/// The table of a funnel without `--by`: one row per stage, then the outcomes.
Report funnel_stages_view(const Value& doc, std::vector<std::string> notes) {
  Report view;
  view.notes = std::move(notes);
  view.rows_key = "stages";
  view.doc.set("stages", *doc.find("stages"));
  view.columns = {{"stage", "STAGE"}, {"reached", "REACHED", true},
                  {"conversion", "CONVERSION%", true}};
  return view;
}

int run_funnel(Context& ctx, const PeriodReportOptions& o) {
  const GroupBy by = parse_group_by(o.by, {GroupBy::rep, GroupBy::team});
  const Period period = resolve_period(o.period, std::nullopt);
  track_source(ctx);
  const LoadedPipeline loaded(ctx);
  const Config& config = ctx.config();
  const FunnelResult result = compute_funnel(loaded.inputs(ctx), period, by);
  Report r;
  r.doc.set("period", period_value(period));
  set_funnel_fields(r.doc, result.total, config);
  if (by != GroupBy::none) {
    Value rows = Value::array();
    for (const auto& [key, tally] : result.rows) {
      Value row = Value::object();
      row.set(group_key(by), key);
      set_funnel_fields(row, tally, config);
      rows.push(row);
    }
    r.doc.set("rows", rows);
    r.columns = {{group_key(by), group_header(by)},
                 {"opened", "OPENED", true},
                 {"won", "WON", true},
                 {"lost", "LOST", true},
                 {"win_rate", "WIN%", true},
                 {"negotiation_win_rate", "NEGOTIATION WIN%", true},
                 {"avg_won_amount", "AVG WON", true},
                 {"avg_cycle_days", "AVG CYCLE DAYS", true}};
  }
  const FunnelTally& t = result.total;
  r.notes.push_back(fmt::format("{} opened in {}", t.opened, period.name()));
  r.notes.push_back(fmt::format("{} won, {} lost: win rate {}%, negotiation win rate {}%", t.won,
                                t.lost, figure(t.win_rate()), figure(t.negotiation_win_rate())));
  r.notes.push_back(fmt::format("average won amount {}, average cycle {} days, velocity {} a day",
                                figure(t.avg_won_amount()), figure(t.avg_cycle_days()),
                                figure(t.velocity())));
  if (by == GroupBy::none) r.set_table_view(funnel_stages_view(r.doc, r.notes));
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return 0;
}

Value forecast_value(const ForecastTally& t) {
  Value v = Value::object();
  v.set("ordered", rounded_amount(t.ordered));
  v.set("won_unordered", rounded_amount(t.won_unordered));
  v.set("open_weighted", rounded_amount(t.open_weighted));
  v.set("forecast", rounded_amount(t.forecast()));
  return v;
}

int run_forecast(Context& ctx, const PeriodReportOptions& o) {
  const GroupBy by = parse_group_by(o.by, {GroupBy::rep, GroupBy::team}, GroupBy::rep);
  const Period period = resolve_period(o.period, std::nullopt);
  track_source(ctx);
  const LoadedPipeline loaded(ctx);
  const ForecastResult result = compute_forecast(loaded.inputs(ctx), period, by);
  Value rows = Value::array();
  for (const auto& [key, tally] : result.rows) {
    Value row = Value::object();
    row.set(group_key(by), key);
    const Value parts = forecast_value(tally);
    for (const char* field : {"ordered", "won_unordered", "open_weighted", "forecast"})
      row.set(field, *parts.find(field));
    rows.push(row);
  }
  Report r;
  r.doc.set("period", period_value(period));
  r.doc.set("rows", rows);
  r.doc.set("total", forecast_value(result.total));
  r.columns = {{group_key(by), group_header(by)},
               {"ordered", "ORDERED", true},
               {"won_unordered", "WON UNORDERED", true},
               {"open_weighted", "OPEN WEIGHTED", true},
               {"forecast", "FORECAST", true}};
  r.notes.push_back(fmt::format("forecast for {}: {:.2f} = ordered {:.2f} + won unordered {:.2f} + "
                                "open weighted {:.2f}",
                                period.name(), rounded_amount(result.total.forecast()),
                                rounded_amount(result.total.ordered),
                                rounded_amount(result.total.won_unordered),
                                rounded_amount(result.total.open_weighted)));
  add_git_source_if_structured(ctx, r);
  ctx.emit(r);
  return 0;
}

}  // namespace

void add_opportunity_report_commands(CLI::App& opportunity, Context& ctx, Outcome& outcome) {
  auto pipeline = std::make_shared<PipelineOptions>();
  CLI::App* cmd = add_command(opportunity, "pipeline",
                              "The opportunities open on a date (default today): count, amount, "
                              "weighted amount, stale",
                              "kamgr opportunity pipeline --date 2026-12-01 --by team");
  cmd->add_option("--date", pipeline->date, "the date (YYYY-MM-DD, default today)");
  cmd->add_option("--by", pipeline->by, "stage (default), rep or team");
  on_run(cmd, outcome, [&ctx, pipeline] { return run_pipeline(ctx, *pipeline); });

  auto funnel = std::make_shared<PeriodReportOptions>();
  cmd = add_command(opportunity, "funnel",
                    "Funnel of the opportunities opened in a period, and its wins and losses",
                    "kamgr opportunity funnel 2026-Q4 --by rep");
  add_period_args(cmd, funnel->period);
  cmd->add_option("--by", funnel->by, "rep or team (default: everyone together)");
  on_run(cmd, outcome, [&ctx, funnel] { return run_funnel(ctx, *funnel); });

  auto forecast = std::make_shared<PeriodReportOptions>();
  cmd = add_command(opportunity, "forecast",
                    "Forecast for a period: ordered + won without an order + open weighted",
                    "kamgr opportunity forecast 2027-01 --by team");
  add_period_args(cmd, forecast->period);
  cmd->add_option("--by", forecast->by, "rep (default) or team");
  on_run(cmd, outcome, [&ctx, forecast] { return run_forecast(ctx, *forecast); });
}

}  // namespace kamgr::cli

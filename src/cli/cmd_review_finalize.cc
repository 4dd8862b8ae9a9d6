// kamgr review finalize | decide: the steps that publish or change a result (HR or a
// director).
#include <fmt/format.h>

#include "kamgr/domain/review_book.h"
#include "kamgr/reports/review_engine.h"
#include "kamgr/store/review_store.h"
#include "review_common.h"

namespace kamgr::cli {

namespace {

struct FinalizeOptions {
  std::string period, member;
  bool allow_incomplete = false;
};

struct DecideOptions {
  std::string member, period, outcome;
  double total = 0;
  bool has_total = false;
};

/// Why the KPI engine's answer is not complete ("no actual for sales"), or empty.
std::string kpi_gap(const MemberKpi* kpi) {
  if (!kpi) return "no KPI targets";
  std::string missing;
  for (const MetricScore& m : kpi->metrics)
    if (m.target && !m.actual && !m.computed && m.weight > 0)
      missing += (missing.empty() ? "" : ", ") + m.metric;
  if (!missing.empty()) return "no actual for " + missing;
  if (!kpi->kpi_score) return "no metric has both a target and an actual";
  return kpi->complete ? "" : "incomplete KPI data";
}

/// What a review still lacks before its result means anything (docs/reviews.md
/// "Finalizing"): the manager's score, complete KPI data. Empty when nothing.
std::string review_gaps(const ResultInputs& in, const MemberKpi* kpi) {
  std::string gaps;
  if (!in.scores.manager) gaps = "no manager score";
  if (!in.kpi_complete) gaps += (gaps.empty() ? "" : ", ") + kpi_gap(kpi);
  return gaps;
}

/// The warning for a result whose qualitative part counts as 0: no score at all, or
/// only scores whose configured weight is 0.
std::string no_qualitative_warning(const std::string& member, const ScoreInputs& s) {
  if (!s.self && !s.manager && s.upward.empty())
    return fmt::format("'{}' has no self, manager or upward score; the qualitative part counts "
                       "as 0",
                       member);
  return fmt::format("'{}' has only scores whose weight is 0 in kamgr.yaml; the qualitative "
                     "part counts as 0",
                     member);
}

/// The reviews `finalize` works on: the period's unfinalized ones (or the one member's).
std::vector<const Review*> to_finalize(const std::vector<Review>& all, const Period& period,
                                       const std::string& member) {
  std::vector<const Review*> in_period, open;
  for (const Review& r : all)
    if (r.period.kind == period.kind && r.period.from == period.from &&
        (member.empty() || r.member == member))
      in_period.push_back(&r);
  if (in_period.empty())
    throw input_error(member.empty()
                          ? fmt::format("no reviews for {}; run 'kamgr review open {}' first",
                                        period.name(), period.name())
                          : fmt::format("no review of '{}' for {}; run 'kamgr review open {}' "
                                        "first",
                                        member, period.name(), period.name()));
  for (const Review* r : in_period)
    if (!r->finalized()) open.push_back(r);
  if (open.empty())
    throw input_error(member.empty()
                          ? fmt::format("every review for {} is already finalized", period.name())
                          : refusal(*in_period.front(), ReviewEventType::finalized),
                      member.empty() ? "" : in_period.front()->source.file);
  return open;
}

int run_finalize(Context& ctx, const FinalizeOptions& o) {
  const Period period = review_period(o.period);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  const Member& actor = permitted_actor(ctx, team, ReviewAction::finalize, nullptr);
  if (!o.member.empty()) require_member(team, o.member);
  const std::vector<Review> all = load_all_reviews(repo, diag);
  diag.throw_if_errors();
  const Instant now = ctx.now();
  const TzOffset zone = ctx.zone();
  const Config& config = ctx.config();
  const std::vector<const Review*> open = to_finalize(all, period, o.member);
  KpiCache kpis(kpi_sources_loader(repo));
  std::vector<ResultInputs> inputs;
  std::vector<std::string> incomplete;
  for (const Review* r : open) {
    require_step(*r, ReviewEventType::finalized, now, zone);
    ResultInputs in = review_inputs(all, *r, now, zone);
    const MemberKpi* kpi = kpis.get(period, r->member, now);
    take_kpi(kpi, in);
    if (const std::string gaps = review_gaps(in, kpi); !gaps.empty())
      incomplete.push_back(fmt::format("'{}' ({})", r->member, gaps));
    inputs.push_back(std::move(in));
  }
  diag.throw_if_errors();  // a broken record behind a KPI figure: publish nothing
  ctx.print_warnings(diag);
  std::string list;
  for (const std::string& s : incomplete) list += (list.empty() ? "" : ", ") + s;
  if (!incomplete.empty() && !o.allow_incomplete)
    throw input_error(
        fmt::format("{} review{} for {} {} incomplete: {}; finalize when {} complete, or pass "
                    "--allow-incomplete",
                    incomplete.size(), incomplete.size() == 1 ? "" : "s", period.name(),
                    incomplete.size() == 1 ? "is" : "are", list,
                    incomplete.size() == 1 ? "it is" : "they are"));
  if (!incomplete.empty()) ctx.warn("finalizing incomplete reviews: " + list);
  std::vector<Review> done;
  for (size_t i = 0; i < open.size(); ++i) {
    ReviewEvent e = new_event(ctx, ReviewEventType::finalized, actor.id);
    e.result = compute_result(inputs[i], config);
    if (!e.result->qualitative)
      ctx.warn(no_qualitative_warning(open[i]->member, inputs[i].scores));
    append_review_event(ctx, *open[i], e);
    done.push_back(*open[i]);
    done.back().events.push_back(e);
  }
  ctx.emit(review_list_report(ctx, period, done, repo.load_calendar()));
  return 0;
}

int run_decide(Context& ctx, const DecideOptions& o) {
  const bool revised = o.outcome == "revised";
  if (!revised && o.outcome != "upheld") {
    std::string message =
        fmt::format("invalid value for --outcome: '{}' (expected upheld or revised)", o.outcome);
    if (const std::string near = closest_match(o.outcome, {"upheld", "revised"}); !near.empty())
      message += fmt::format("; did you mean '{}'?", near);
    throw input_error(message);
  }
  const Config& config = ctx.config();
  if (revised && !o.has_total)
    throw input_error("a revised decision needs --total (the new total)");
  if (!revised && o.has_total) throw input_error("--total goes with --outcome revised only");
  if (revised && (o.total < 0 || o.total > config.kpi_cap))
    throw input_error(fmt::format("invalid value for --total: {} (expected 0 to {})",
                                  format_number(o.total), format_number(config.kpi_cap)));
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const ReviewStep step =
      begin_step(ctx, repo, o.member, o.period, ReviewAction::decide, ReviewEventType::decision);
  const Review& review = step.review;
  const Instant now = ctx.now();
  const std::vector<Review> all = load_all_reviews(repo, diag);
  const ReviewResult base = *review.effective_result();
  ReviewEvent e = new_event(ctx, ReviewEventType::decision, step.actor.id);
  e.outcome = o.outcome;
  e.result = revised
                 ? revise_result(base, o.total, flag_inputs(all, review, now, ctx.zone()), config)
                 : base;
  const Instant appealed = review.last(ReviewEventType::appeal)->at;
  const Instant due = deadline(appealed, config.decision_within, repo.load_calendar(), ctx.zone());
  if (now > due)
    ctx.warn(fmt::format("the decision is late: it was due by {} ({} after the appeal of {})",
                         instant_text(ctx, due), config.decision_within.str(),
                         instant_text(ctx, appealed)));
  append_review_event(ctx, review, e);
  if (!ctx.options.quiet)
    ctx.err << fmt::format("kamgr: appeal of {} {} {}: total {}, grade {}\n", step.subject.id,
                           step.period.name(), o.outcome, format_number(e.result->total),
                           e.result->grade);
  return 0;
}

}  // namespace

void add_review_finalize_commands(CLI::App& review, Context& ctx, Outcome& outcome) {
  auto f = std::make_shared<FinalizeOptions>();
  CLI::App* fin = add_command(review, "finalize",
                              "Compute and publish the results of a period (HR or a director)",
                              "kamgr --as zhou-min review finalize 2026-10");
  fin->add_option("period", f->period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  fin->add_option("--member", f->member, "finalize only this member's review");
  fin->add_flag("--allow-incomplete", f->allow_incomplete,
                "finalize even when a review lacks its manager score or KPI data (missing "
                "figures count as absent)");
  on_run(fin, outcome, [&ctx, f] { return run_finalize(ctx, *f); });

  auto d = std::make_shared<DecideOptions>();
  CLI::App* dec = add_command(review, "decide", "Decide an appeal (HR or a director)",
                              "kamgr --as zhou-min review decide zhang-san 2026-10 --outcome "
                              "revised --total 80.5");
  dec->add_option("member", d->member, "the member who appealed")->required();
  dec->add_option("period", d->period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  dec->add_option("--outcome", d->outcome, "upheld or revised")->required();
  CLI::Option* total = dec->add_option("--total", d->total, "the new total (with revised)");
  on_run(dec, outcome, [&ctx, d, total] {
    d->has_total = total->count() > 0;
    return run_decide(ctx, *d);
  });
}

}  // namespace kamgr::cli

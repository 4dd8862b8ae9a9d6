// kamgr review open | self | manager | upward | deduct | interview | appeal, and the table
// of review subcommands (finalize and decide: cmd_review_finalize.cc; reports:
// cmd_review_reports.cc and cmd_review_show.cc).
#include <fmt/format.h>

#include <cmath>

#include "kamgr/store/mutation.h"
#include "kamgr/store/review_store.h"
#include "review_common.h"

namespace kamgr::cli {

namespace {

struct StepOptions {
  std::string member, period, comment, reason;
  double score = -1;
  double points = 0;
};

void note(Context& ctx, const std::string& text) {
  if (!ctx.options.quiet) ctx.err << "kamgr: " << text << "\n";
}

int run_open(Context& ctx, const std::string& period_text) {
  const Period period = review_period(period_text);
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const Team team = repo.load_team();
  diag.throw_if_errors();
  std::vector<std::string> members, existing;
  for (const Member& m : team.members()) {
    if (!m.active || (m.role != Role::rep && m.role != Role::manager)) continue;
    (ctx.data().exists(review_path(period, m.id)) ? existing : members).push_back(m.id);
  }
  if (members.empty())
    throw input_error(existing.empty() ? "no active reps or managers in the team to review"
                                       : fmt::format("reviews for {} are already open ({} members)",
                                                     period.name(), existing.size()));
  const Config& config = ctx.config();
  for (const std::string& id : members)
    create_record(ctx.data(), review_path(period, id), new_review_value(id, period),
                  [&](const std::string& text, const std::string& file, Diagnostics& d) {
                    load_review(text, file, config, d);
                  });
  for (const std::string& id : members) ctx.out << id << "\n";
  if (!existing.empty())
    note(ctx, fmt::format("{} review(s) for {} already existed and were kept", existing.size(),
                          period.name()));
  return 0;
}

/// Refuses a number with more than 2 decimals (it would be stored rounded, silently).
void require_two_decimals(const char* option, double value) {
  const double hundredths = value * 100;
  if (std::abs(hundredths - std::round(hundredths)) > 1e-6)
    throw input_error(fmt::format("invalid value for {}: {} has more than 2 decimals", option,
                                  fmt::format("{}", value)));
}

/// self, manager and upward scores.
int run_score(Context& ctx, ReviewEventType type, const StepOptions& o) {
  if (o.score < 0 || o.score > 100)
    throw input_error(
        fmt::format("invalid value for --score: {} (expected 0 to 100)", format_number(o.score)));
  require_two_decimals("--score", o.score);
  const ReviewAction action = type == ReviewEventType::self      ? ReviewAction::self
                              : type == ReviewEventType::manager ? ReviewAction::manager
                                                                 : ReviewAction::upward;
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const ReviewStep step = begin_step(ctx, repo, o.member, o.period, action, type);
  ReviewEvent e = new_event(ctx, type, step.actor.id);
  e.score = o.score;
  e.comment = o.comment;
  append_review_event(ctx, step.review, e);
  note(ctx, fmt::format("recorded {} score {} for {} {}", review_event_name(type),
                        format_number(o.score), step.subject.id, step.period.name()));
  return 0;
}

int run_deduct(Context& ctx, const StepOptions& o) {
  if (o.points <= 0 || o.points > 100)
    throw input_error(
        fmt::format("invalid value for --points: {} (expected more than 0, up to 100)",
                    format_number(o.points)));
  require_two_decimals("--points", o.points);
  if (o.reason.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--reason is empty");
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const ReviewStep step =
      begin_step(ctx, repo, o.member, o.period, ReviewAction::deduct, ReviewEventType::deduction);
  ReviewEvent e = new_event(ctx, ReviewEventType::deduction, step.actor.id);
  e.points = o.points;
  e.reason = o.reason;
  append_review_event(ctx, step.review, e);
  note(ctx, fmt::format("recorded a deduction of {} points for {} {}", format_number(o.points),
                        step.subject.id, step.period.name()));
  return 0;
}

/// interview and appeal: after finalizing, with their deadlines.
int run_feedback(Context& ctx, ReviewEventType type, const StepOptions& o) {
  const bool appeal = type == ReviewEventType::appeal;
  if (appeal && o.reason.find_first_not_of(" \t") == std::string::npos)
    throw input_error("--reason is empty");
  Diagnostics diag;
  Repository repo(ctx.data(), diag);
  const ReviewStep step = begin_step(ctx, repo, o.member, o.period,
                                     appeal ? ReviewAction::appeal : ReviewAction::interview, type);
  const Config& config = ctx.config();
  const Instant now = ctx.now();
  const Instant published = step.review.finalized()->at;
  const Duration within = appeal ? config.appeal_within : config.interview_within;
  const Instant due = deadline(published, within, repo.load_calendar(), ctx.zone());
  const std::string rule =
      fmt::format("{} after the result of {}", within.str(), instant_text(ctx, published));
  if (appeal && now > due)
    throw input_error(
        fmt::format("the appeal deadline for '{}' {} was {} ({}); an appeal can no "
                    "longer be filed",
                    step.subject.id, step.period.name(), instant_text(ctx, due), rule),
        step.review.source.file);
  if (!appeal && now > due)
    ctx.warn(
        fmt::format("the interview is late: it was due by {} ({})", instant_text(ctx, due), rule));
  ReviewEvent e = new_event(ctx, type, step.actor.id);
  e.reason = o.reason;
  append_review_event(ctx, step.review, e);
  note(ctx, fmt::format("recorded the {} for {} {}", review_event_name(type), step.subject.id,
                        step.period.name()));
  return 0;
}

void add_score_command(CLI::App& review, Context& ctx, Outcome& outcome, ReviewEventType type,
                       const std::string& description, const std::string& example) {
  auto o = std::make_shared<StepOptions>();
  CLI::App* cmd = add_command(review, review_event_name(type), description, example);
  cmd->add_option("member", o->member, "the member reviewed")->required();
  cmd->add_option("period", o->period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  cmd->add_option("--score", o->score, "score from 0 to 100")->required();
  cmd->add_option("--comment", o->comment, "a comment kept with the score");
  on_run(cmd, outcome, [&ctx, o, type] { return run_score(ctx, type, *o); });
}

CLI::App* add_member_period(CLI::App& review, const std::string& name, const std::string& desc,
                            const std::string& example, StepOptions& o) {
  CLI::App* cmd = add_command(review, name, desc, example);
  cmd->add_option("member", o.member, "the member reviewed")->required();
  cmd->add_option("period", o.period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  return cmd;
}

}  // namespace

/// In cmd_review_finalize.cc and cmd_review_reports.cc.
void add_review_finalize_commands(CLI::App& review, Context& ctx, Outcome& outcome);
void add_review_report_commands(CLI::App& review, Context& ctx, Outcome& outcome);

void add_review_commands(CLI::App& app, Context& ctx, Outcome& outcome) {
  CLI::App* review = app.add_subcommand("review", "Performance reviews: scores, results, appeals");
  review->require_subcommand(1);
  review->footer("\nExample:\n  kamgr review list 2026-10");

  auto period = std::make_shared<std::string>();
  CLI::App* open =
      add_command(*review, "open", "Open a review for every active rep and manager (prints them)",
                  "kamgr review open 2026-10");
  open->add_option("period", *period, "review period: 2026-10, 2026-Q4 or 2026")->required();
  on_run(open, outcome, [&ctx, period] { return run_open(ctx, *period); });

  add_score_command(
      *review, ctx, outcome, ReviewEventType::self, "Record the member's self-assessment",
      "kamgr --as zhang-san review self zhang-san 2026-10 --score 85 --comment 完成季度目标");
  add_score_command(*review, ctx, outcome, ReviewEventType::manager,
                    "Record the manager's assessment (a director's for a manager)",
                    "kamgr --as li-si review manager zhang-san 2026-10 --score 82");
  add_score_command(*review, ctx, outcome, ReviewEventType::upward,
                    "Record a rep's upward review of their manager",
                    "kamgr --as zhang-san review upward li-si 2026-10 --score 78");

  auto d = std::make_shared<StepOptions>();
  CLI::App* deduct =
      add_member_period(*review, "deduct", "Deduct points (manager, HR or director)",
                        "kamgr --as li-si review deduct zhang-san 2026-10 --points 5 "
                        "--reason 周报迟交",
                        *d);
  deduct->add_option("--points", d->points, "points to deduct (more than 0, up to 100)")
      ->required();
  deduct->add_option("--reason", d->reason, "why")->required();
  on_run(deduct, outcome, [&ctx, d] { return run_deduct(ctx, *d); });

  auto i = std::make_shared<StepOptions>();
  CLI::App* interview = add_member_period(
      *review, "interview", "Record the one-to-one interview after the result (by the manager)",
      "kamgr --as li-si review interview zhang-san 2026-10", *i);
  on_run(interview, outcome,
         [&ctx, i] { return run_feedback(ctx, ReviewEventType::interview, *i); });

  auto a = std::make_shared<StepOptions>();
  CLI::App* appeal = add_member_period(
      *review, "appeal", "Appeal against a published result (by the member, within the deadline)",
      "kamgr --as zhang-san review appeal zhang-san 2026-10 --reason 大客户回款已到账", *a);
  appeal->add_option("--reason", a->reason, "why the result should change")->required();
  on_run(appeal, outcome, [&ctx, a] { return run_feedback(ctx, ReviewEventType::appeal, *a); });

  add_review_finalize_commands(*review, ctx, outcome);
  add_review_report_commands(*review, ctx, outcome);
}

}  // namespace kamgr::cli

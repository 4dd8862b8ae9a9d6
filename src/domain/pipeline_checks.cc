// `check` for the pipeline's records (docs/pipeline.md "What check verifies").
#include <fmt/format.h>

#include <map>
#include <set>

#include "kamgr/domain/integrity.h"
#include "kamgr/domain/pipeline.h"

namespace kamgr {

namespace {

/// Errors for a customer or member reference that resolves to nothing (a broken file's
/// own error is reported on that file instead).
struct References {
  const CustomerBook& customers;
  const Team& team;
  const BrokenIds& broken;
  Diagnostics& diag;

  void customer(const std::string& file, int line, const std::string& id) const {
    if (!customers.find(id) && !broken.customer(id))
      diag.error(file, line, unknown_customer_message("field 'customer'", id, customers));
  }
  void member(const std::string& file, int line, const std::string& field,
              const std::string& id) const {
    if (!team.find(id) && !broken.member(id))
      diag.error(file, line, unknown_member_message(field, id, team));
  }
};

template <typename Record>
void check_unique(const std::vector<Record>& records, const char* what, Diagnostics& diag) {
  std::map<std::string, const Record*> seen;
  for (const Record& r : records)
    if (const auto [it, inserted] = seen.emplace(r.id, &r); !inserted)
      diag.error(r.source.file, r.source.line,
                 fmt::format("duplicate {} id '{}' (also in {})", what, r.id, it->second->source.file));
}

/// Each opportunity's customer, by opportunity ID.
std::map<std::string, std::string> opportunity_customers(const std::vector<Opportunity>& opportunities) {
  std::map<std::string, std::string> customer_of;
  for (const Opportunity& o : opportunities) customer_of.emplace(o.id, o.customer);
  return customer_of;
}

/// A link from a record of `link.customer` to an opportunity: it exists, and is that
/// customer's.
void check_link(const std::map<std::string, std::string>& customer_of, const VisitLink& link,
                Diagnostics& diag) {
  const auto it = customer_of.find(link.opportunity);
  if (it == customer_of.end())
    diag.error(link.file, link.line,
               fmt::format("field 'opportunity': no opportunity '{}'", link.opportunity));
  else if (it->second != link.customer)
    diag.error(link.file, link.line,
               fmt::format("field 'opportunity': opportunity {} is customer {}'s, not {}'s",
                           link.opportunity, it->second, link.customer));
}

}  // namespace

std::vector<VisitLink> visit_links(const std::vector<Visit>& visits) {
  std::vector<VisitLink> links;
  for (const Visit& v : visits)
    if (!v.opportunity.empty())
      links.push_back({v.source.file, v.opportunity_line, v.opportunity, v.customer});
  return links;
}

void check_visit_links(const std::vector<VisitLink>& links,
                       const std::vector<Opportunity>& opportunities, Diagnostics& diag) {
  const std::map<std::string, std::string> customer_of = opportunity_customers(opportunities);
  for (const VisitLink& link : links) check_link(customer_of, link, diag);
}

void check_opportunities(const std::vector<Opportunity>& opportunities,
                         const CustomerBook& customers, const Team& team, const Config& config,
                         Diagnostics& diag, const BrokenIds& broken) {
  const References refs{customers, team, broken, diag};
  check_unique(opportunities, "opportunity", diag);
  for (const Opportunity& o : opportunities) {
    const std::string& file = o.source.file;
    refs.customer(file, o.customer_line, o.customer);
    refs.member(file, o.owner_line, "field 'owner'", o.owner);
    bool actors_known = team.find(o.owner) != nullptr;
    for (const OpportunityEvent& e : o.events) {
      refs.member(file, e.line, "event field 'by'", e.by);
      if (!e.owner.empty()) refs.member(file, e.line, "event field 'owner'", e.owner);
      actors_known = actors_known && team.find(e.by) && (e.owner.empty() || team.find(e.owner));
    }
    if (!actors_known) continue;  // the steps are judged once every member is known
    const std::vector<std::string> problems = opportunity_step_problems(o, team, config);
    for (size_t i = 0; i < problems.size(); ++i)
      if (!problems[i].empty()) diag.warning(file, o.events[i].line, "impossible step: " + problems[i]);
  }
}

void check_orders(const std::vector<Order>& orders, const std::vector<Opportunity>& opportunities,
                  const CustomerBook& customers, const Team& team, Diagnostics& diag,
                  const BrokenIds& broken) {
  const References refs{customers, team, broken, diag};
  check_unique(orders, "order", diag);
  const std::map<std::string, std::string> customer_of = opportunity_customers(opportunities);
  for (const Order& o : orders) {
    const std::string& file = o.source.file;
    refs.customer(file, o.customer_line, o.customer);
    refs.member(file, o.rep_line, "field 'rep'", o.rep);
    if (!o.opportunity.empty())
      check_link(customer_of, {file, o.opportunity_line, o.opportunity, o.customer}, diag);
    bool actors_known = team.find(o.rep) != nullptr;
    for (const OrderEvent& e : o.events) {
      refs.member(file, e.line, "event field 'by'", e.by);
      actors_known = actors_known && team.find(e.by);
    }
    if (!actors_known) continue;
    const std::vector<std::string> problems = order_step_problems(o, team);
    for (size_t i = 0; i < problems.size(); ++i)
      if (!problems[i].empty()) diag.warning(file, o.events[i].line, "impossible step: " + problems[i]);
  }
}

}  // namespace kamgr

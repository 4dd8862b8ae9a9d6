#pragma once
/// Loading the pipeline's records (docs/pipeline.md "Records"): opportunities by the year
/// they were opened, orders by the month of their date.
#include <optional>
#include <string>
#include <vector>

#include "kamgr/domain/pipeline.h"
#include "kamgr/store/repository.h"

namespace kamgr {

/// Parses one opportunity file; problems go to `diag` with file and line.
std::optional<Opportunity> load_opportunity(const std::string& text, const std::string& file,
                                            const Config& config, Diagnostics& diag);
std::optional<Order> load_order(const std::string& text, const std::string& file,
                                const Config& config, Diagnostics& diag);

/// `opportunities/2026/<id>.yaml`, `orders/2026/12/<id>.yaml`: an ID's file, from the
/// date its ID starts with.
std::string opportunity_path(const std::string& id);
std::string order_path(const std::string& id);

/// The files given (changed ones, for `check --changed`).
std::vector<Opportunity> load_opportunity_files(const Repository& repo,
                                                const std::vector<std::string>& files);
std::vector<Order> load_order_files(const Repository& repo, const std::vector<std::string>& files);

/// Every opportunity opened in the years [from_year, to_year] (all of them without a
/// range); every order dated in [from, to] (all of them without one).
std::vector<Opportunity> load_opportunities(const Repository& repo,
                                            std::optional<int> from_year = std::nullopt,
                                            std::optional<int> to_year = std::nullopt);
std::vector<Order> load_orders(const Repository& repo, std::optional<Date> from = std::nullopt,
                               std::optional<Date> to = std::nullopt);

}  // namespace kamgr

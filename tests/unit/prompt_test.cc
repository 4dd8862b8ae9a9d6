// Asking for missing values: prompts, defaults, refused answers, '?' lists, end of input,
// and the one-line error naming every missing option when there is no terminal.
#include <doctest/doctest.h>

#include <sstream>

#include "../../src/cli/questions.h"
#include "kamgr/cli/prompt.h"

using namespace kamgr;

namespace {

CustomerBook sample_book() {
  std::vector<Customer> customers(3);
  customers[0].id = "acme";
  customers[0].name = "華潤萬家";
  customers[1].id = "beta";
  customers[1].name = "华润医药";
  customers[2].id = "gamma";
  customers[2].name = "广州包装";
  return CustomerBook(customers);
}

/// Runs `questions` against typed `answers`; returns what the terminal showed.
std::string converse(const std::string& answers, const std::vector<Question>& questions,
                     Lang lang = Lang::en) {
  std::istringstream in(answers);
  std::ostringstream shown;
  StreamTerminal terminal(in, shown);
  ask_questions(terminal, questions, lang);
  return shown.str();
}

}  // namespace

TEST_CASE("missing values are asked in order, with defaults in brackets") {
  std::string text, date, rep = "", given = "kept";
  Question a{"--purpose", "purpose", &text, "", {}, {}, {}};
  Question b{"--date", "date", &date, "2026-11-22", {}, {}, {}};
  Question c{"--rep", "rep", &rep, "zhang-san", {}, {}, {}};
  Question d{"--given", "given", &given, "", {}, {}, {}};
  const std::string shown = converse("  季度回顾 \n\n\n", {a, b, c, d});
  CHECK(shown == "purpose: date [2026-11-22]: rep [zhang-san]: ");
  CHECK(text == "季度回顾");
  CHECK(date == "2026-11-22");
  CHECK(rep == "zhang-san");
  CHECK(given == "kept");
}

TEST_CASE("a blank answer without a default is asked again") {
  std::string text;
  const std::string shown = converse("\n   \nfine\n", {{"--purpose", "purpose", &text, "", {}, {}, {}}});
  CHECK(text == "fine");
  CHECK(shown.find("--purpose is required") != std::string::npos);
}

TEST_CASE("questions and explanations in the chosen language, answers unchanged") {
  std::string text, date;
  Question a{"--purpose", "purpose", &text, "", {}, {}, {}};
  Question b{"--date", "date", &date, "2026-11-22", {}, {}, {}};
  const std::string zh = converse("\n回访\n?\n\n", {a, b}, Lang::zh_CN);
  CHECK(zh.rfind("拜访目的: ", 0) == 0);
  CHECK(zh.find("  --purpose 为必填项") != std::string::npos);
  CHECK(zh.find("日期 [2026-11-22]: ") != std::string::npos);
  CHECK(zh.find("--date 没有可选列表") != std::string::npos);
  CHECK(text == "回访");
  CHECK(date == "2026-11-22");
  std::string tw;
  CHECK(converse("x\n", {{"--purpose", "purpose", &tw, "", {}, {}, {}}}, Lang::zh_TW) == "拜訪目的: ");
}

TEST_CASE("the customer is resolved like the option, to its ID") {
  const CustomerBook book = sample_book();
  std::string customer;
  CHECK(converse("华润\n", {cli::customer_question(book, customer)}) == "customer: ");
  CHECK(customer == "beta");  // 华润 is in beta's name only (acme's is 華潤)
}

TEST_CASE("an ambiguous customer lists the candidates and asks again") {
  const CustomerBook book = sample_book();
  std::string customer;
  const std::string shown = converse("a\nacme\n", {cli::customer_question(book, customer)});
  CHECK(customer == "acme");
  CHECK(shown.find("customer 'a' is ambiguous: acme (華潤萬家), beta (华润医药), gamma (广州包装)") !=
        std::string::npos);
}

TEST_CASE("an unknown customer is refused with a did-you-mean") {
  const CustomerBook book = sample_book();
  std::string customer;
  const std::string shown = converse("acmee\n萬家\n", {cli::customer_question(book, customer)});
  CHECK(customer == "acme");
  CHECK(shown.find("unknown customer 'acmee'; did you mean 'acme'?") != std::string::npos);
}

TEST_CASE("'?' lists the matching customers") {
  const CustomerBook book = sample_book();
  std::string customer;
  const std::string shown = converse("?\n? 广州\ngamma\n", {cli::customer_question(book, customer)});
  CHECK(customer == "gamma");
  CHECK(shown ==
        "customer:   acme  華潤萬家\n  beta  华润医药\n  gamma  广州包装\n"
        "customer:   gamma  广州包装\ncustomer: ");
}

TEST_CASE("choices and dates are checked") {
  std::string level, date;
  const std::string shown =
      converse("majr\nmajor\n2026-13-01\n2026-12-01\n",
               {cli::choice_question("--level", level, {"general", "major"}),
                cli::date_question("--date", date, *Date::from_ymd(2026, 11, 2))});
  CHECK(level == "major");
  CHECK(date == "2026-12-01");
  CHECK(shown.find("invalid value for --level: 'majr' (expected general, major); did you mean "
                   "'major'?") != std::string::npos);
  CHECK(shown.find("'2026-13-01' is not a date") != std::string::npos);
}

TEST_CASE("end of input stops with exit 2") {
  std::string a, b;
  try {
    converse("first\n", {{"--one", "one", &a, "", {}, {}, {}}, {"--two", "two", &b, "", {}, {}, {}}});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::bad_input);
    CHECK(std::string(e.what()) == "input ended before --two was given; nothing was written");
  }
  CHECK(a == "first");
}

TEST_CASE("without a terminal every missing option is named in one line") {
  const std::string given = "x", none;
  CHECK_FALSE(must_ask(nullptr, {{"--customer", given}}));
  std::istringstream in;
  std::ostringstream out;
  StreamTerminal terminal(in, out);
  CHECK(must_ask(&terminal, {{"--customer", none}}));
  CHECK_THROWS_WITH_AS(must_ask(nullptr, {{"--customer", none}, {"--date", given}}),
                       "--customer is required", Error);
  CHECK_THROWS_WITH_AS(
      must_ask(nullptr, {{"--customer", none}, {"--date", none}, {"--purpose", none}}),
      "--customer, --date and --purpose are required", Error);
}

TEST_CASE("Tab offers customer IDs by prefix, else by part of the name") {
  const CustomerBook book = sample_book();
  std::string customer;
  const Question q = cli::customer_question(book, customer);
  CHECK(q.complete("a") == std::vector<std::string>{"acme"});
  CHECK(q.complete("") == std::vector<std::string>{"acme", "beta", "gamma"});
  CHECK(q.complete("华润") == std::vector<std::string>{"beta"});
  CHECK(q.complete("zzz").empty());
}

TEST_CASE("Tab offers the allowed values that start with what was typed") {
  std::string level;
  const Question q = cli::choice_question("--level", level, {"general", "major", "minor"});
  CHECK(q.complete("m") == std::vector<std::string>{"major", "minor"});
  CHECK(q.complete("g") == std::vector<std::string>{"general"});
}

// The SKM report as a PDF (cairo): method, respondent profile, NRR table, the index
// and its band, a chart, the citizens' suggestions and the unit's follow-up plan with
// room to add by hand. Takes everything already computed and translated; does no I/O but
// writing the file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "platform/result.hpp"

namespace harmoni::survey {

struct ReportElement {
  std::string code;   // "U1"
  std::string title;  // "Persyaratan"
  double nrr = 0;     // 0 when nobody answered
  std::string nrr_text;
  int64_t answered = 0;
};

struct ReportProfile {
  std::string heading;                                  // "Jenis kelamin"
  std::vector<std::pair<std::string, int64_t>> counts;  // label, respondents
};

struct ReportData {
  std::string title, unit, instansi, period;                // period already formatted
  std::vector<std::pair<std::string, std::string>> method;  // label, value (weight, sample, ...)
  std::string score, mutu, kinerja;                         // empty score: no result
  std::vector<ReportElement> elements;
  std::vector<ReportProfile> profile;
  std::vector<std::string> suggestions;
  std::vector<std::vector<std::string>> followups;  // issue, action, who, when (with status)
  // Headings and fixed words, translated.
  std::string h_method, h_result, h_elements, h_chart, h_profile, h_suggestions, h_followup, h_none;
  std::string c_element, c_nrr, c_answered, c_issue, c_action, c_who, c_when;
  std::string footer;  // "Dibuat oleh Harmoni, 2026-11-23"
};

Status write_skm_report_pdf(const ReportData& data, const std::string& path);

}  // namespace harmoni::survey

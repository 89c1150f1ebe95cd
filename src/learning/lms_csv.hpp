// Records exported by an external learning management system, as CSV: how a row
// becomes a ledger record. Pure.
//
// Columns (header names case-insensitive, Indonesian or English):
//   nip                                  required  the learner's NIP
//   id_kursus | course_id | kode         required  the course's id in the LMS
//   judul | title | kursus               required
//   tanggal_selesai | completed_on       required  YYYY-MM-DD
//   menit | minutes | durasi_menit       one of these two: the time spent,
//   jp                                   or JP as the LMS counts them (2, 2.5)
//   nilai | score                        optional  0..100
//   lulus | passed                       optional  ya/tidak, 1/0 (not passed: kept, 0 JP)
// A record's reference is "lms:<provider>:<course id>:<nip>": the same course done by
// the same person is one record, so importing a file again changes nothing.
#pragma once

#include <string>
#include <vector>

#include "learning/record.hpp"

namespace harmoni::learning {

struct LmsColumns {
  int nip = -1, course_id = -1, title = -1, completed_on = -1, minutes = -1, jp = -1, score = -1,
      passed = -1;
};

Result<LmsColumns> map_lms_header(const std::vector<std::string>& header);

struct LmsRow {
  std::string nip;        // normalised (spaces dropped)
  LearningRecord record;  // asn_id left 0: the caller resolves the NIP
};

// One row to a record of `provider`; problems go to `problems` with the CSV column as
// field. JP from minutes with `minutes_per_jp`, or minutes from JP the same way.
LmsRow lms_row(const LmsColumns& columns, const std::vector<std::string>& row,
               std::string_view provider, int minutes_per_jp, std::vector<FieldError>& problems);

// A provider name: 2-32 of a-z 0-9 - _ (it becomes part of every reference).
bool valid_provider(std::string_view provider);

}  // namespace harmoni::learning

// Takes out of a text what would identify the people of a case before its lessons become
// an article: the names and places the case knows (whole and each part of a name), the
// NIPs, identity and phone numbers, e-mail addresses, and dates; and names a text gives
// after an honorific ("Pak Budi", "Ibu Sari"), or places after "Jalan", "Desa",
// "Kelurahan", "Kecamatan". Pure. What it cannot know (a nickname, a description) is for
// the author and the approving handler to take out: both read the draft before anyone
// else does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace harmoni::harmony {

struct Identifiers {
  std::vector<std::string> names;   // people's names: the parties, facilitators, owners
  std::vector<std::string> places;  // units, the instansi, the region
};

// Replaced by "[nama]", "[tempat]", "[NIP]", "[nomor]", "[surel]", "[tanggal]".
std::string anonymise(std::string_view text, const Identifiers& ids);

}  // namespace harmoni::harmony

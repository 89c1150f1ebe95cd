#!/usr/bin/perl
# Reports TRY(...) whose innermost enclosing brace is a braced initializer rather than a
# block: `std::pair{a, TRY(b)}` or `Level level{x, TRY(y)}`. Returning from there skips
# the destructors of the elements built so far (a GCC statement-expression limitation).
# Prints file:line for each; exits 1 when any is found.
use strict;
use warnings;

my $found = 0;
for my $file (@ARGV) {
  open(my $fh, '<', $file) or die "$file: $!";
  local $/;
  my $text = <$fh>;
  close $fh;
  # Blank out comments, raw strings, strings and character literals, keeping newlines.
  my $blank = sub { my $s = shift; $s =~ s/[^\n]/ /g; $s };
  $text =~ s{(//[^\n]*|/\*.*?\*/|R"([^(]*)\(.*?\)\2"|"(?:\\.|[^"\\\n])*"|'(?:\\.[^'\n]*|[^'\\\n])')}{$blank->($1)}gse;
  my @stack;        # 'block' or 'init' for each open brace
  my $prev = '';    # the previous significant token
  my $prev2 = '';   # the one before it
  my $line = 1;
  my $arrow = 0;    # inside a trailing return type (`-> T`) not yet closed
  while ($text =~ /\G(\n|[ \t\r\f]+|[A-Za-z_]\w*|->|::|\d[\w.']*|.)/gc) {
    my $tok = $1;
    if ($tok eq "\n") { $line++; next; }
    next if $tok =~ /^\s+$/;
    if ($tok eq '->') { $arrow = 1; }
    if ($tok eq '{') {
      my $kind = $arrow ? 'block' : 'init';
      if ($prev =~ /^(?:\)|\]|;|\{|\}|else|do|try|const|override|final|noexcept|mutable|:|)$/) {
        $kind = 'block';
      } elsif ($prev2 =~ /^(?:namespace|struct|class|union|enum|->)$/ || $prev =~ /^(?:namespace|extern)$/) {
        $kind = 'block';  # namespace x {, struct X {, enum class E {, [..](..) -> T {
      } elsif ($prev eq '"') {
        $kind = 'block';  # extern "C" {
      }
      push @stack, $kind;
    } elsif ($tok eq '}') {
      pop @stack;
    } elsif ($tok eq 'TRY' && @stack && $stack[-1] eq 'init') {
      print "$file:$line\n";
      $found = 1;
    }
    $arrow = 0 if $tok =~ /^(?:\(|;|=|\{|\})$/;
    ($prev2, $prev) = ($prev, $tok);
  }
}
exit $found;

#!/bin/bash
# tests/lib/complete.sh LINE: what bash's completion of netnsctl offers
# for LINE, the words before the cursor (a LINE that ends in a space
# completes a new word), one candidate a line, sorted.
#
# Meant for `bash --norc --noprofile`: it loads bash-completion's own
# library and the source tree's completions/netnsctl, and runs the
# completion function as readline would, with COMP_WORDS, COMP_CWORD,
# COMP_LINE and COMP_POINT set; netnsctl is found on PATH.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
source /usr/share/bash-completion/bash_completion
source "$NNS_SRCDIR/completions/netnsctl"

# compopt works only while readline completes; the options it sets (no
# space after "--netns=") are not what the tests look at.
compopt() { :; }

line=$1
read -ra COMP_WORDS <<<"$line"
[[ $line == *" " || -z $line ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
COMPREPLY=()
_netnsctl netnsctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}" | sort

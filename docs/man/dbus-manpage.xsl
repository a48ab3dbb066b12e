<?xml version="1.0" encoding="UTF-8"?>
<!--
  dbus-manpage.xsl: the refentry that dbus-refentry.xsl makes, as a man
  page, through Debian's docbook-xsl (found through the XML catalog, so
  xsltproc runs with -nonet).

  SPDX-License-Identifier: LGPL-2.1-or-later
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="http://docbook.sourceforge.net/release/xsl/current/manpages/docbook.xsl"/>

  <!-- Quiet, and no AUTHOR or COPYRIGHT sections the refentry has no data for. -->
  <xsl:param name="man.output.quietly" select="1"/>
  <xsl:param name="refentry.meta.get.quietly" select="1"/>
  <xsl:param name="man.authors.section.enabled" select="0"/>
  <xsl:param name="man.copyright.section.enabled" select="0"/>
  <!-- The page goes to man.output.base.dir (meson's output folder),
       under its own name. -->
  <xsl:param name="man.output.in.separate.dir" select="1"/>
  <xsl:param name="man.output.subdirs.enabled" select="0"/>

  <!-- "ORG.EXAMPLE.NETNS" whole in the page's header. -->
  <xsl:param name="man.th.title.max.length" select="40"/>

  <!-- Literal words in bold, file names in italics, as man-pages(7) has
       them; docbook-xsl would set both in the running text's font. The
       "\&" after each keeps groff from reading a "." that ends one as the
       end of a sentence (and putting two spaces after it). -->
  <xsl:template match="literal | envar | interfacename">
    <xsl:call-template name="bold">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="context" select="."/>
    </xsl:call-template>
    <xsl:text>\&amp;</xsl:text>
  </xsl:template>

  <xsl:template match="filename">
    <xsl:call-template name="italic">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="context" select="."/>
    </xsl:call-template>
    <xsl:text>\&amp;</xsl:text>
  </xsl:template>
</xsl:stylesheet>

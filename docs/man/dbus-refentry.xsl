<?xml version="1.0" encoding="UTF-8"?>
<!--
  dbus-refentry.xsl: the D-Bus interface XML (introspection/org.example.NetNs.xml)
  as one DocBook refentry, org.example.NetNs(5), which dbus-manpage.xsl then
  turns into a man page with Debian's docbook-xsl.

  gdbus-codegen makes DocBook of the same XML, but it reads only the
  first line of each "@arg: text" (the rest falls into the body), so it
  is not used here. This reads the doc comments as gdbus-codegen means
  them: "Symbol: [text]", then "@arg: text" lines, each continued by the
  lines indented under it, then the body, paragraphs parted by blank
  lines. The comments' inline DocBook (<literal>, <command>, ...) is
  copied out unescaped, so that it is markup again in the refentry; an
  "@arg" in the text becomes <parameter>arg</parameter>.

  SPDX-License-Identifier: LGPL-2.1-or-later
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                extension-element-prefixes="exsl">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- netnsd's version, for the page's footer. -->
  <xsl:param name="version" select="''"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:variable name="ident"
                select="'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'"/>

  <!-- The comment just before @node, if any: its doc comment. -->
  <xsl:template name="doc-comment-of">
    <xsl:param name="node" select="."/>
    <xsl:value-of select="$node/preceding-sibling::node()[not(self::text()[normalize-space() = ''])][1][self::comment()]"/>
  </xsl:template>

  <!-- Lines -->

  <!-- How many spaces @line starts with. -->
  <xsl:template name="indent-of">
    <xsl:param name="line"/>
    <xsl:variable name="first" select="substring(normalize-space($line), 1, 1)"/>
    <xsl:value-of select="string-length(substring-before($line, $first))"/>
  </xsl:template>

  <!-- The lines of a doc comment, each an <l> with its kind: "symbol"
       (the first), "param" (name in @name), "more" (a param's next line),
       "body" (paragraph number in @para). -->
  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:param name="state" select="'begin'"/>   <!-- begin, params, body -->
    <xsl:param name="para" select="0"/>
    <xsl:param name="param-indent" select="0"/>
    <xsl:if test="$text != ''">
      <xsl:variable name="raw" select="substring-before(concat($text, $nl), $nl)"/>
      <xsl:variable name="rest" select="substring-after($text, $nl)"/>
      <xsl:variable name="line" select="normalize-space($raw)"/>
      <xsl:variable name="indent">
        <xsl:call-template name="indent-of">
          <xsl:with-param name="line" select="$raw"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$line = '' and $state = 'begin'">
          <xsl:call-template name="lines">
            <xsl:with-param name="text" select="$rest"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$line = ''">
          <xsl:call-template name="lines">
            <xsl:with-param name="text" select="$rest"/>
            <xsl:with-param name="state" select="'body'"/>
            <xsl:with-param name="para" select="$para + 1"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$state = 'begin'">
          <l kind="symbol" name="{substring-before(concat($line, ':'), ':')}"/>
          <xsl:if test="normalize-space(substring-after($line, ':')) != ''">
            <l kind="body" para="{$para}">
              <xsl:value-of select="normalize-space(substring-after($line, ':'))"/>
            </l>
          </xsl:if>
          <xsl:call-template name="lines">
            <xsl:with-param name="text" select="$rest"/>
            <xsl:with-param name="state" select="'params'"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$state = 'params' and starts-with($line, '@') and contains($line, ': ')">
          <l kind="param" name="{substring-before(substring($line, 2), ': ')}">
            <xsl:value-of select="substring-after($line, ': ')"/>
          </l>
          <xsl:call-template name="lines">
            <xsl:with-param name="text" select="$rest"/>
            <xsl:with-param name="state" select="'params'"/>
            <xsl:with-param name="param-indent" select="$indent"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$state = 'params' and $param-indent &gt; 0 and $indent &gt; $param-indent">
          <l kind="more"><xsl:value-of select="$line"/></l>
          <xsl:call-template name="lines">
            <xsl:with-param name="text" select="$rest"/>
            <xsl:with-param name="state" select="'params'"/>
            <xsl:with-param name="param-indent" select="$param-indent"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <l kind="body" para="{$para}"><xsl:value-of select="$line"/></l>
          <xsl:call-template name="lines">
            <xsl:with-param name="text" select="$rest"/>
            <xsl:with-param name="state" select="'body'"/>
            <xsl:with-param name="para" select="$para"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- Text -->

  <!-- @text, its "@name"s as <parameter>, copied out unescaped: the
       comment's own markup becomes markup. -->
  <xsl:template name="markup">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '@')">
        <xsl:variable name="after" select="substring-after($text, '@')"/>
        <xsl:variable name="stop" select="substring(translate($after, $ident, ''), 1, 1)"/>
        <xsl:variable name="name">
          <xsl:choose>
            <xsl:when test="$stop = ''"><xsl:value-of select="$after"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="substring-before($after, $stop)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="substring-before($text, '@')" disable-output-escaping="yes"/>
        <xsl:choose>
          <xsl:when test="$name != ''">
            <parameter><xsl:value-of select="$name"/></parameter>
          </xsl:when>
          <xsl:otherwise>@</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="markup">
          <xsl:with-param name="text" select="substring($after, string-length($name) + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text" disable-output-escaping="yes"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- @text with every @from replaced by @to. -->
  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="concat(substring-before($text, $from), $to)"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The lines of @lines joined by spaces, as markup. "e.g." is
       followed by a no-break space: groff would take its dot at the end
       of a line for the end of a sentence. -->
  <xsl:template name="joined">
    <xsl:param name="lines"/>
    <xsl:variable name="text">
      <xsl:for-each select="$lines">
        <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="spaced">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="string($text)"/>
        <xsl:with-param name="from" select="'e.g. '"/>
        <xsl:with-param name="to" select="'e.g.&#160;'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="markup">
      <xsl:with-param name="text" select="string($spaced)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The body of a parsed comment, one <para> a paragraph. -->
  <xsl:template name="body">
    <xsl:param name="parsed"/>
    <xsl:for-each select="$parsed/l[@kind = 'body']">
      <xsl:variable name="para" select="@para"/>
      <xsl:if test="not(preceding-sibling::l[@kind = 'body'][@para = $para])">
        <para>
          <xsl:call-template name="joined">
            <xsl:with-param name="lines" select="$parsed/l[@kind = 'body'][@para = $para]"/>
          </xsl:call-template>
        </para>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- What the comment says of the argument @name. -->
  <xsl:template name="param-doc">
    <xsl:param name="parsed"/>
    <xsl:param name="name"/>
    <xsl:variable name="head" select="$parsed/l[@kind = 'param'][@name = $name][1]"/>
    <xsl:if test="$head">
      <xsl:call-template name="joined">
        <xsl:with-param name="lines"
                        select="$head | $parsed/l[@kind = 'more'][generate-id(preceding-sibling::l[@kind = 'param'][1]) = generate-id($head)]"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The parsed doc comment of the current node, as a node-set. -->
  <xsl:template name="parse">
    <xsl:variable name="comment">
      <xsl:call-template name="doc-comment-of"/>
    </xsl:variable>
    <xsl:call-template name="lines">
      <xsl:with-param name="text" select="string($comment)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Signatures -->

  <xsl:template name="arguments">
    <xsl:param name="args"/>
    <xsl:for-each select="$args">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <type><xsl:value-of select="@type"/></type>
      <xsl:text> </xsl:text>
      <parameter><xsl:value-of select="@name"/></parameter>
    </xsl:for-each>
  </xsl:template>

  <!-- Name(in...) -> (out...), as the API contract writes them. -->
  <xsl:template match="method" mode="signature">
    <function><xsl:value-of select="@name"/></function>
    <xsl:text>(</xsl:text>
    <xsl:call-template name="arguments">
      <xsl:with-param name="args" select="arg[not(@direction = 'out')]"/>
    </xsl:call-template>
    <xsl:text>) -&gt; (</xsl:text>
    <xsl:call-template name="arguments">
      <xsl:with-param name="args" select="arg[@direction = 'out']"/>
    </xsl:call-template>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="signal" mode="signature">
    <function><xsl:value-of select="@name"/></function>
    <xsl:text>(</xsl:text>
    <xsl:call-template name="arguments">
      <xsl:with-param name="args" select="arg"/>
    </xsl:call-template>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="property" mode="signature">
    <varname><xsl:value-of select="@name"/></varname>
    <xsl:text> </xsl:text>
    <type><xsl:value-of select="@type"/></type>
    <xsl:choose>
      <xsl:when test="@access = 'read'"> (read-only)</xsl:when>
      <xsl:when test="@access = 'write'"> (write-only)</xsl:when>
      <xsl:otherwise> (read and write)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Members -->

  <!-- A method, signal or property: its signature, its text, and what
       each argument is. -->
  <xsl:template match="method | signal | property">
    <xsl:variable name="parsed-rtf">
      <xsl:call-template name="parse"/>
    </xsl:variable>
    <xsl:variable name="parsed" select="exsl:node-set($parsed-rtf)"/>
    <varlistentry id="{concat('gdbus-', local-name(), '-', translate(../@name, '.', '-'), '.', @name)}">
      <term><xsl:apply-templates select="." mode="signature"/></term>
      <listitem>
        <xsl:call-template name="body">
          <xsl:with-param name="parsed" select="$parsed"/>
        </xsl:call-template>
        <xsl:if test="not($parsed/l[@kind = 'body'])">
          <para>Not documented.</para>
        </xsl:if>
        <xsl:if test="arg">
          <variablelist>
            <xsl:for-each select="arg">
              <varlistentry>
                <term>
                  <parameter><xsl:value-of select="@name"/></parameter>
                  <xsl:text> (</xsl:text>
                  <type><xsl:value-of select="@type"/></type>
                  <xsl:if test="@direction = 'out'">, returned</xsl:if>
                  <xsl:text>)</xsl:text>
                </term>
                <listitem>
                  <para>
                    <xsl:call-template name="param-doc">
                      <xsl:with-param name="parsed" select="$parsed"/>
                      <xsl:with-param name="name" select="@name"/>
                    </xsl:call-template>
                    <xsl:if test="not($parsed/l[@kind = 'param'][@name = current()/@name])">
                      <xsl:text>Not documented.</xsl:text>
                    </xsl:if>
                  </para>
                </listitem>
              </varlistentry>
            </xsl:for-each>
          </variablelist>
        </xsl:if>
      </listitem>
    </varlistentry>
  </xsl:template>

  <xsl:template name="members">
    <xsl:param name="title"/>
    <xsl:param name="members"/>
    <xsl:if test="$members">
      <refsect2>
        <title><xsl:value-of select="$title"/></title>
        <variablelist>
          <xsl:apply-templates select="$members"/>
        </variablelist>
      </refsect2>
    </xsl:if>
  </xsl:template>

  <!-- Interfaces -->

  <xsl:template match="interface">
    <xsl:variable name="parsed-rtf">
      <xsl:call-template name="parse"/>
    </xsl:variable>
    <xsl:variable name="parsed" select="exsl:node-set($parsed-rtf)"/>
    <refsect1 id="{concat('gdbus-interface-', translate(@name, '.', '-'), '.top_of_page')}">
      <title>The <xsl:value-of select="@name"/> interface</title>
      <xsl:if test="$parsed/l[@kind = 'param'][@name = 'short_description']">
        <para>
          <emphasis>
            <xsl:call-template name="param-doc">
              <xsl:with-param name="parsed" select="$parsed"/>
              <xsl:with-param name="name" select="'short_description'"/>
            </xsl:call-template>
          </emphasis>
        </para>
      </xsl:if>
      <xsl:call-template name="body">
        <xsl:with-param name="parsed" select="$parsed"/>
      </xsl:call-template>
      <xsl:call-template name="members">
        <xsl:with-param name="title" select="'Methods'"/>
        <xsl:with-param name="members" select="method"/>
      </xsl:call-template>
      <xsl:call-template name="members">
        <xsl:with-param name="title" select="'Signals'"/>
        <xsl:with-param name="members" select="signal"/>
      </xsl:call-template>
      <xsl:call-template name="members">
        <xsl:with-param name="title" select="'Properties'"/>
        <xsl:with-param name="members" select="property"/>
      </xsl:call-template>
    </refsect1>
  </xsl:template>

  <!-- The synopsis: each interface and the names of its members. -->
  <xsl:template match="interface" mode="synopsis">
    <varlistentry>
      <term><interfacename><xsl:value-of select="@name"/></interfacename></term>
      <listitem>
        <xsl:call-template name="member-names">
          <xsl:with-param name="title" select="'Methods'"/>
          <xsl:with-param name="members" select="method"/>
        </xsl:call-template>
        <xsl:call-template name="member-names">
          <xsl:with-param name="title" select="'Signals'"/>
          <xsl:with-param name="members" select="signal"/>
        </xsl:call-template>
        <xsl:call-template name="member-names">
          <xsl:with-param name="title" select="'Properties'"/>
          <xsl:with-param name="members" select="property"/>
        </xsl:call-template>
      </listitem>
    </varlistentry>
  </xsl:template>

  <xsl:template name="member-names">
    <xsl:param name="title"/>
    <xsl:param name="members"/>
    <xsl:if test="$members">
      <para>
        <xsl:value-of select="$title"/>
        <xsl:text>: </xsl:text>
        <xsl:for-each select="$members">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="@name"/>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </para>
    </xsl:if>
  </xsl:template>

  <!-- The page -->

  <xsl:template match="/node">
    <refentry id="org.example.NetNs">
      <refmeta>
        <refentrytitle>org.example.NetNs</refentrytitle>
        <manvolnum>5</manvolnum>
        <refmiscinfo class="source">netnsd</refmiscinfo>
        <refmiscinfo class="version"><xsl:value-of select="$version"/></refmiscinfo>
        <refmiscinfo class="manual">netnsd</refmiscinfo>
      </refmeta>
      <refnamediv>
        <refname>org.example.NetNs</refname>
        <refpurpose>the D-Bus interface of netnsd, the network namespace service</refpurpose>
      </refnamediv>
      <refsynopsisdiv>
        <para>On the system bus, the name <literal>org.example.NetNs</literal>:</para>
        <variablelist>
          <xsl:apply-templates select="interface" mode="synopsis"/>
        </variablelist>
      </refsynopsisdiv>
      <refsect1>
        <title>Description</title>
        <para>
          <citerefentry><refentrytitle>netnsd</refentrytitle><manvolnum>8</manvolnum></citerefentry>
          manages network namespaces for the programs on the system bus. This page
          describes its interfaces, as the introspection file
          <filename>org.example.NetNs.xml</filename> (installed under
          <filename>dbus-1/interfaces</filename>) documents them:
          <command>busctl introspect org.example.NetNs /org/example/NetNs</command>
          shows the same live.
        </para>
        <para>
          Arguments are written as D-Bus type and name; a method's answer follows
          the arrow. Every change is authorized through polkit (the actions are in
          <citerefentry><refentrytitle>netnsd</refentrytitle><manvolnum>8</manvolnum></citerefentry>);
          a call that would need a password must carry the
          allow-interactive-authorization flag of its message to be asked.
        </para>
      </refsect1>
      <xsl:apply-templates select="interface"/>
      <refsect1>
        <title>See also</title>
        <para>
          <citerefentry><refentrytitle>netnsd</refentrytitle><manvolnum>8</manvolnum></citerefentry>,
          <citerefentry><refentrytitle>netnsctl</refentrytitle><manvolnum>1</manvolnum></citerefentry>,
          <citerefentry><refentrytitle>netnsd-topologies</refentrytitle><manvolnum>5</manvolnum></citerefentry>,
          <citerefentry><refentrytitle>busctl</refentrytitle><manvolnum>1</manvolnum></citerefentry>,
          <citerefentry><refentrytitle>gdbus</refentrytitle><manvolnum>1</manvolnum></citerefentry>,
          <citerefentry><refentrytitle>polkit</refentrytitle><manvolnum>8</manvolnum></citerefentry>,
          <citerefentry><refentrytitle>ip-netns</refentrytitle><manvolnum>8</manvolnum></citerefentry>
        </para>
      </refsect1>
    </refentry>
  </xsl:template>

</xsl:stylesheet>

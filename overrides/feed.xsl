<?xml version="1.0" encoding="UTF-8"?>
<!-- How a browser shows /feed.xml: a page saying what the feed is and how to
     subscribe, and the newest reports as links (feed readers ignore this). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <style>
          body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; line-height: 1.7;
                 max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #212121; }
          a { color: #8e1010; text-decoration: underline; }
          a:focus-visible { outline: 2px solid #8e1010; outline-offset: 2px; }
          .note { background: #f5f5f5; padding: .6rem .8rem; border-radius: .2rem; }
          li { margin: .5rem 0; }
          .facts { display: block; font-size: .9em; color: rgba(0, 0, 0, .68); }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p class="note">这是本站的订阅源（Atom 格式），供 RSS/Atom 阅读器使用：把本页地址复制到阅读器中即可订阅，
            有新收录的报告时阅读器会提示。下面列出最近收录的报告。
            <a href="{atom:link[@rel='alternate']/@href}">返回本站首页</a></p>
          <ul>
            <xsl:for-each select="atom:entry">
              <li>
                <a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a>
                <span class="facts"><xsl:value-of select="atom:summary"/>（收录于 <xsl:value-of select="substring(atom:updated, 1, 10)"/>）</span>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>

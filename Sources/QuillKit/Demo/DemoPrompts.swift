/// The prompt files of the demo repository, version by version.
enum DemoPrompts {
    static let supportV1 = """
        ---
        model: googleai/gemini-1.5-pro
        config:
          temperature: 0.7
        input:
          schema:
            customer: string
            question: string
        ---
        {{role "system"}}
        You are a friendly support agent for Acme Cloud.
        Answer the customer's question in three sentences or fewer.

        {{role "user"}}
        Customer {{customer}} asks: {{question}}

        """

    static let supportV2 = """
        ---
        model: googleai/gemini-1.5-pro
        config:
          temperature: 0.7
        input:
          schema:
            customer: string
            question: string
            order_id?: string
        ---
        {{role "system"}}
        You are a friendly support agent for Acme Cloud.
        Answer the customer's question in three sentences or fewer.
        If the question is about an order and no order number is given, ask for it first.

        {{role "user"}}
        Customer {{customer}} asks: {{question}}
        {{#if order_id}}Order number: {{order_id}}{{/if}}

        """

    static let supportV3 = """
        ---
        model: googleai/gemini-1.5-flash
        config:
          temperature: 0.2
        input:
          schema:
            customer: string
            question: string
            order_id?: string
        ---
        {{role "system"}}
        You are a friendly support agent for Acme Cloud.
        Answer the customer's question in three sentences or fewer.
        If the question is about an order and no order number is given, ask for it first.

        {{role "user"}}
        Customer {{customer}} asks: {{question}}
        {{#if order_id}}Order number: {{order_id}}{{/if}}

        """

    static let supportV4 = """
        ---
        model: googleai/gemini-1.5-flash
        config:
          temperature: 0.2
        input:
          schema:
            customer: string
            question: string
            order_id?: string
            article_url?: string
        ---
        {{role "system"}}
        You are a friendly support agent for Acme Cloud.
        Answer the customer's question in three sentences or fewer.
        If the question is about an order and no order number is given, ask for it first.
        When a help-centre article is given, cite it as the last sentence.

        {{role "user"}}
        Customer {{customer}} asks: {{question}}
        {{#if order_id}}Order number: {{order_id}}{{/if}}
        {{#if article_url}}Relevant article: {{article_url}}{{/if}}

        """

    static let faq = """
        ---
        model: gpt-4o-mini
        temperature: 0
        ---
        Answer the question using only the documentation excerpts below.
        If the excerpts do not contain the answer, say "I don't know".

        Documentation:
        {{context}}

        Question: {{question}}

        """

    static let classifier = """
        {
          "model": "gpt-4o-mini",
          "temperature": 0,
          "response_format": {"type": "json_object"},
          "messages": [
            {"role": "developer", "content": "Classify the support ticket as one of: billing, outage, account, other. Reply as JSON: {\\"label\\": ...}."},
            {"role": "user", "content": "Ticket: {{ticket}}"}
          ]
        }

        """
}

/// The OpenAPI 3.1 description of every route, served at `/openapi.json`.
///
/// `docs/openapi.json` holds the same text; a test keeps the two identical and checks every
/// registered route against it.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Escrow server",
    "version": "1.0.0",
    "description": "HTTP API of the escrow engine. Every write goes through the same service as the command line; every refusal is an RFC 9457 problem naming the clause. Amounts are decimal strings in requests and integer minor units in answers."
  },
  "servers": [
    {
      "url": "http://127.0.0.1:8080"
    }
  ],
  "paths": {
    "/health": {
      "get": {
        "summary": "Liveness",
        "operationId": "get_health",
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": []
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus text metrics",
        "operationId": "get_metrics",
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "text/plain": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": []
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document",
        "operationId": "get_openapi_json",
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": []
      }
    },
    "/escrows": {
      "get": {
        "summary": "Escrows visible to the caller",
        "operationId": "get_escrows",
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      },
      "post": {
        "summary": "Open an escrow from an agreement file (1.1); agent users",
        "operationId": "post_escrows",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "201": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateEscrow"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}": {
      "get": {
        "summary": "Status, scoped to the caller's party",
        "operationId": "get_escrows_escrow",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/ledger": {
      "get": {
        "summary": "Ledger postings (agent and company)",
        "operationId": "get_escrows_escrow_ledger",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ledger"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/verify": {
      "get": {
        "summary": "Recompute the hash chain and name the first altered event (agent users)",
        "operationId": "get_escrows_escrow_verify",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LogVerification"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/timeline": {
      "get": {
        "summary": "History with clauses, scoped; desk controls included",
        "operationId": "get_escrows_escrow_timeline",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/notices": {
      "get": {
        "summary": "Notices under 2.2 addressed to the caller",
        "operationId": "get_escrows_escrow_notices",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/calendar": {
      "get": {
        "summary": "Deal calendar: every deadline of the escrow and its linked instruments (the NIR waiver), with status, scoped to the caller; ?format=ics for an RFC 5545 file",
        "operationId": "get_escrows_escrow_calendar",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "json",
                "ics"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              },
              "text/calendar": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/events": {
      "get": {
        "summary": "Server-sent events: timeline lines as they are recorded, scoped",
        "operationId": "get_escrows_escrow_events",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "after",
            "in": "query",
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "Last-Event-ID",
            "in": "header",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "text/event-stream": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/signing-text": {
      "get": {
        "summary": "The canonical message a party signs for an instrument",
        "operationId": "get_escrows_escrow_signing_text",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "instrument",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "party",
            "in": "query",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/keys": {
      "post": {
        "summary": "Register a signatory's public key (2.8); agent users",
        "operationId": "post_escrows_escrow_keys",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RegisterKey"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/deposits": {
      "post": {
        "summary": "Record a wire (1.1, 1.3); agent users",
        "operationId": "post_escrows_escrow_deposits",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Deposit"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/documents": {
      "post": {
        "summary": "Upload a document for a condition (1.2, 2.13); kept on disk by SHA-256",
        "operationId": "post_escrows_escrow_documents",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "condition",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "title",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/octet-stream": {
              "schema": {
                "type": "string",
                "contentEncoding": "binary"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/documents/{sha256}": {
      "get": {
        "summary": "Download a document the caller may see",
        "operationId": "get_escrows_escrow_documents_sha256",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "sha256",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^[0-9a-f]{64}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/octet-stream": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/signatures": {
      "post": {
        "summary": "Sign a counterpart as the caller's party (1.4, 2.4, 2.12, 2.14)",
        "operationId": "post_escrows_escrow_signatures",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Sign"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/instructions": {
      "post": {
        "summary": "Give signed written wire instructions (1.6, 1.7); effective after an agent's call-back confirmation",
        "operationId": "post_escrows_escrow_instructions",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "202": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Approval"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Instructions"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/advice": {
      "post": {
        "summary": "The 1.2 advice; agent users",
        "operationId": "post_escrows_escrow_advice",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/release": {
      "post": {
        "summary": "Request the release (1.5, 1.6); executed when a second agent user approves",
        "operationId": "post_escrows_escrow_release",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "202": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Approval"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/refund": {
      "post": {
        "summary": "Request the refund (1.7); executed when a second agent user approves",
        "operationId": "post_escrows_escrow_refund",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "202": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Approval"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/tick": {
      "post": {
        "summary": "Let due deadlines fire; agent users",
        "operationId": "post_escrows_escrow_tick",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/approvals": {
      "get": {
        "summary": "Pending and executed approvals; agent users",
        "operationId": "get_escrows_escrow_approvals",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/approvals/{approval}/confirm": {
      "post": {
        "summary": "Second agent user: approve a payment or confirm bank details by call-back",
        "operationId": "post_escrows_escrow_approvals_approval_confirm",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "approval",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Confirm"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/holds": {
      "post": {
        "summary": "Place a dispute hold (2.14); agent users",
        "operationId": "post_escrows_escrow_holds",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Hold"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/court-orders": {
      "post": {
        "summary": "Record and obey a court order (2.9); agent users",
        "operationId": "post_escrows_escrow_court_orders",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CourtOrder"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/deposit-with-court": {
      "post": {
        "summary": "Deliver the funds to the court (2.14(2)); agent users",
        "operationId": "post_escrows_escrow_deposit_with_court",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DepositWithCourt"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/warnings": {
      "post": {
        "summary": "Record a warning (2.9)",
        "operationId": "post_escrows_escrow_warnings",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Warning"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/amendments": {
      "post": {
        "summary": "Propose an amendment (2.4, 2.7); agent users",
        "operationId": "post_escrows_escrow_amendments",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Amendment"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/counsel-costs": {
      "post": {
        "summary": "Claim counsel costs (2.11); agent users",
        "operationId": "post_escrows_escrow_counsel_costs",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CounselCosts"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/instrument-requests": {
      "post": {
        "summary": "Require a further instrument (2.13); agent users",
        "operationId": "post_escrows_escrow_instrument_requests",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/InstrumentRequest"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/resignation": {
      "post": {
        "summary": "The agent resigns (2.12); agent users",
        "operationId": "post_escrows_escrow_resignation",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Resignation"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/successor": {
      "post": {
        "summary": "Put a successor agent forward (2.12); the company or an agent user",
        "operationId": "post_escrows_escrow_successor",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Successor"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/escrows/{escrow}/handover": {
      "get": {
        "summary": "Export the handover package (2.12); agent users",
        "operationId": "get_escrows_escrow_handover",
        "parameters": [
          {
            "name": "escrow",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {}
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    },
    "/handover": {
      "post": {
        "summary": "Import a handover package as the successor (2.12); agent users",
        "operationId": "post_handover",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "201": {
            "description": "Success",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CommandResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Problem"
          },
          "401": {
            "$ref": "#/components/responses/Problem"
          },
          "403": {
            "$ref": "#/components/responses/Problem"
          },
          "404": {
            "$ref": "#/components/responses/Problem"
          },
          "409": {
            "$ref": "#/components/responses/Problem"
          },
          "413": {
            "$ref": "#/components/responses/Problem"
          },
          "415": {
            "$ref": "#/components/responses/Problem"
          },
          "422": {
            "$ref": "#/components/responses/Problem"
          }
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/HandoverImport"
              }
            }
          }
        },
        "security": [
          {
            "bearer": []
          }
        ]
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "API token from `escrow users token`"
      }
    },
    "parameters": {
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "schema": {
          "type": "string",
          "maxLength": 200
        },
        "description": "A retried write with the same key is answered with the first outcome, not applied twice."
      }
    },
    "responses": {
      "Problem": {
        "description": "A problem (RFC 9457)",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      }
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "properties": {
          "type": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "integer"
          },
          "detail": {
            "type": "string"
          },
          "clause": {
            "type": "string"
          }
        },
        "required": [
          "type",
          "title",
          "status",
          "detail"
        ],
        "additionalProperties": true
      },
      "CommandResult": {
        "type": "object",
        "properties": {
          "escrow": {
            "type": "string"
          },
          "command": {
            "type": "string"
          },
          "replayed": {
            "type": "boolean"
          },
          "events": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TimelineEntry"
            }
          }
        },
        "required": [
          "escrow",
          "command",
          "replayed",
          "events"
        ],
        "additionalProperties": true
      },
      "TimelineEntry": {
        "type": "object",
        "properties": {
          "sequence": {
            "type": [
              "integer",
              "null"
            ]
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "clause": {
            "type": "string"
          },
          "type": {
            "type": "string"
          },
          "summary": {
            "type": "string"
          },
          "hash": {
            "type": [
              "string",
              "null"
            ]
          }
        },
        "required": [
          "at",
          "clause",
          "type",
          "summary"
        ],
        "additionalProperties": true
      },
      "Approval": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "escrow": {
            "type": "string"
          },
          "kind": {
            "enum": [
              "disbursement",
              "callback"
            ]
          },
          "command": {
            "type": "string"
          },
          "maker": {
            "type": "string"
          },
          "madeAt": {
            "type": "string"
          },
          "checker": {
            "type": "string"
          },
          "checkedAt": {
            "type": "string"
          },
          "note": {
            "type": "string"
          },
          "status": {
            "enum": [
              "pending",
              "executed"
            ]
          }
        },
        "required": [
          "id",
          "escrow",
          "kind",
          "command",
          "maker",
          "madeAt",
          "status"
        ],
        "additionalProperties": true
      },
      "Status": {
        "type": "object",
        "properties": {
          "escrow": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "dated": {
            "type": "string"
          },
          "currency": {
            "type": "string"
          },
          "phase": {
            "type": "string"
          },
          "viewer": {
            "type": "string"
          },
          "funds": {
            "type": "object"
          },
          "advisedMinorUnits": {
            "type": "integer"
          },
          "subscriptions": {
            "type": "array"
          },
          "deposits": {
            "type": "array"
          },
          "documents": {
            "type": "array"
          },
          "signatures": {
            "type": "array"
          },
          "conditions": {
            "type": "array"
          },
          "releaseNotice": {
            "type": "object"
          },
          "payments": {
            "type": "array"
          },
          "deadlines": {
            "type": "array"
          },
          "holds": {
            "type": "array"
          },
          "nextStep": {
            "type": "string"
          }
        },
        "required": [
          "escrow",
          "phase",
          "viewer",
          "conditions",
          "releaseNotice",
          "payments",
          "deadlines"
        ],
        "additionalProperties": true
      },
      "Ledger": {
        "type": "object",
        "properties": {
          "currency": {
            "type": "string"
          },
          "depositedMinorUnits": {
            "type": "integer"
          },
          "heldMinorUnits": {
            "type": "integer"
          },
          "paidOutMinorUnits": {
            "type": "integer"
          },
          "refundedMinorUnits": {
            "type": "integer"
          },
          "depositedWithCourtMinorUnits": {
            "type": "integer"
          },
          "postings": {
            "type": "array"
          }
        },
        "required": [
          "currency",
          "postings"
        ],
        "additionalProperties": true
      },
      "Notice": {
        "type": "object",
        "properties": {
          "sequence": {
            "type": "integer"
          },
          "at": {
            "type": "string"
          },
          "clause": {
            "type": "string"
          },
          "text": {
            "type": "string"
          },
          "recipients": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "sequence",
          "at",
          "clause",
          "text"
        ],
        "additionalProperties": true
      },
      "CreateEscrow": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "agreement": {
            "type": "string",
            "description": "The agreement file, YAML or JSON text (docs/agreement-format.md)"
          }
        },
        "required": [
          "agreement"
        ],
        "additionalProperties": true
      },
      "RegisterKey": {
        "type": "object",
        "properties": {
          "party": {
            "type": "string"
          },
          "publicKeyBase64": {
            "type": "string"
          }
        },
        "required": [
          "party",
          "publicKeyBase64"
        ],
        "additionalProperties": true
      },
      "Deposit": {
        "type": "object",
        "properties": {
          "bankReference": {
            "type": "string"
          },
          "purchaser": {
            "type": "string"
          },
          "senderName": {
            "type": "string"
          },
          "amount": {
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "Decimal amount in the escrow's currency, e.g. 3000000.00"
          }
        },
        "required": [
          "bankReference",
          "amount"
        ],
        "additionalProperties": true
      },
      "Sign": {
        "type": "object",
        "properties": {
          "instrument": {
            "type": "string",
            "description": "release-notice, amendment:ID, successor-appointment:ID or settlement:HOLD"
          },
          "signer": {
            "type": "string",
            "description": "Agent users only: the party signing"
          },
          "signatureBase64": {
            "type": "string"
          },
          "paperScanSHA256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
          }
        },
        "required": [
          "instrument"
        ],
        "additionalProperties": true
      },
      "Instructions": {
        "type": "object",
        "properties": {
          "party": {
            "type": "string"
          },
          "lines": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "accountName": {
                  "type": "string"
                },
                "bank": {
                  "type": "string"
                },
                "routingNumber": {
                  "type": "string"
                },
                "accountNumber": {
                  "type": "string"
                },
                "amount": {
                  "type": "string",
                  "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
                  "description": "Decimal amount in the escrow's currency, e.g. 3000000.00"
                }
              },
              "required": [
                "accountName",
                "bank",
                "routingNumber",
                "accountNumber"
              ],
              "additionalProperties": true
            }
          },
          "signatureBase64": {
            "type": "string"
          }
        },
        "required": [
          "lines",
          "signatureBase64"
        ],
        "additionalProperties": true
      },
      "Confirm": {
        "type": "object",
        "properties": {
          "note": {
            "type": "string",
            "description": "For a call-back: whom was called, at which number on file, when"
          }
        },
        "required": [],
        "additionalProperties": true
      },
      "Hold": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "amount": {
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "Decimal amount in the escrow's currency, e.g. 3000000.00"
          },
          "reason": {
            "type": "string"
          },
          "partiesConcerned": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "id",
          "reason",
          "partiesConcerned"
        ],
        "additionalProperties": true
      },
      "CourtOrder": {
        "type": "object",
        "properties": {
          "docket": {
            "type": "string"
          },
          "court": {
            "type": "string"
          },
          "final": {
            "type": "boolean"
          },
          "documentSHA256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
          },
          "directive": {
            "type": "object",
            "properties": {
              "kind": {
                "enum": [
                  "hold",
                  "liftHold",
                  "pay",
                  "refundAll",
                  "depositWithCourt"
                ]
              },
              "amount": {
                "type": "string",
                "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
                "description": "Decimal amount in the escrow's currency, e.g. 3000000.00"
              },
              "holdId": {
                "type": "string"
              },
              "payments": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "payee": {
                      "type": "string"
                    },
                    "amount": {
                      "type": "string",
                      "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
                      "description": "Decimal amount in the escrow's currency, e.g. 3000000.00"
                    },
                    "destination": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "payee",
                    "amount",
                    "destination"
                  ],
                  "additionalProperties": true
                }
              }
            },
            "required": [
              "kind"
            ],
            "additionalProperties": true
          }
        },
        "required": [
          "docket",
          "court",
          "final",
          "documentSHA256",
          "directive"
        ],
        "additionalProperties": true
      },
      "DepositWithCourt": {
        "type": "object",
        "properties": {
          "court": {
            "type": "string"
          },
          "docket": {
            "type": "string"
          }
        },
        "required": [
          "court"
        ],
        "additionalProperties": true
      },
      "Warning": {
        "type": "object",
        "properties": {
          "from": {
            "type": "string"
          },
          "text": {
            "type": "string"
          }
        },
        "required": [
          "text"
        ],
        "additionalProperties": true
      },
      "Amendment": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "text": {
            "type": "string"
          },
          "extendDeadlines": {
            "type": "object",
            "additionalProperties": {
              "type": "string",
              "format": "date"
            }
          },
          "fixedPayments": {
            "type": "object",
            "additionalProperties": {
              "type": "string",
              "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
              "description": "Decimal amount in the escrow's currency, e.g. 3000000.00"
            }
          },
          "agentDuties": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "text"
        ],
        "additionalProperties": true
      },
      "CounselCosts": {
        "type": "object",
        "properties": {
          "counsel": {
            "type": "string"
          },
          "amount": {
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "Decimal amount in the escrow's currency, e.g. 3000000.00"
          },
          "invoiceSHA256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
          }
        },
        "required": [
          "counsel",
          "amount",
          "invoiceSHA256"
        ],
        "additionalProperties": true
      },
      "InstrumentRequest": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "from": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "dueBy": {
            "type": "string",
            "format": "date"
          }
        },
        "required": [
          "id",
          "title",
          "from"
        ],
        "additionalProperties": true
      },
      "Resignation": {
        "type": "object",
        "properties": {
          "notice": {
            "type": "string"
          }
        },
        "required": [
          "notice"
        ],
        "additionalProperties": true
      },
      "Successor": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "address": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "name"
        ],
        "additionalProperties": true
      },
      "HandoverImport": {
        "type": "object",
        "properties": {
          "successor": {
            "type": "string"
          },
          "package": {
            "type": "object"
          }
        },
        "required": [
          "successor",
          "package"
        ],
        "additionalProperties": true
      },
      "LogVerification": {
        "type": "object",
        "properties": {
          "escrow": {
            "type": "string"
          },
          "eventsChecked": {
            "type": "integer"
          },
          "intact": {
            "type": "boolean"
          },
          "firstAlteredSequence": {
            "type": "integer",
            "description": "The first event whose hash or link does not hold"
          },
          "reason": {
            "type": "string"
          },
          "lastHash": {
            "type": "string",
            "description": "Hash of the last stored event"
          }
        },
        "required": [
          "escrow",
          "eventsChecked",
          "intact"
        ]
      }
    }
  }
}
"""#
}
